// Fixture templates written for lsqm's tests (never copied from a public template): one
// serverless application and one of storage and management types, in YAML with short tags.
#pragma once

namespace lsqm::cfn::testing {

inline const char* const kServerlessApp = R"(AWSTemplateFormatVersion: "2010-09-09"
Description: orders pipeline written for lsqm's tests
Parameters:
  StageName: {Type: String, Default: test}
  MemorySize: {Type: Number, Default: 256}
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      RedrivePolicy: {deadLetterTargetArn: !GetAtt DeadLetters.Arn, maxReceiveCount: 3}
  DeadLetters:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub "${AWS::StackName}-alerts"
  AlertsToQueue:
    Type: AWS::SNS::Subscription
    Properties: {TopicArn: !Ref Alerts, Protocol: sqs, Endpoint: !GetAtt OrdersQueue.Arn}
  FunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
      Policies:
        - PolicyName: tables
          PolicyDocument:
            Statement: [{Effect: Allow, Action: ["dynamodb:PutItem"], Resource: !GetAtt Orders.Arn}]
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt FunctionRole.Arn
      MemorySize: !Ref MemorySize
      Environment: {Variables: {TABLE: !Ref Orders}}
      Code:
        ZipFile: |
          def handler(event, context):
              return {"ok": True}
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: src/worker.handler
      Role: !GetAtt FunctionRole.Arn
      Timeout: 30
      Layers: [!Ref Shared]
      Code: app
  Shared:
    Type: AWS::Lambda::LayerVersion
    Properties: {CompatibleRuntimes: [nodejs20.x], Content: layer}
  WorkerLive:
    Type: AWS::Lambda::Alias
    Properties: {FunctionName: !Ref Worker, FunctionVersion: !GetAtt WorkerVersion.Version, Name: live}
  WorkerVersion:
    Type: AWS::Lambda::Version
    Properties: {FunctionName: !Ref Worker, Description: first}
  WorkerUrl:
    Type: AWS::Lambda::Url
    Properties: {TargetFunctionArn: !GetAtt Worker.Arn, AuthType: NONE, Cors: {AllowOrigins: ["*"]}}
  QueueToWorker:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {EventSourceArn: !GetAtt OrdersQueue.Arn, FunctionName: !Ref Worker, BatchSize: 5}
  Uploads:
    Type: AWS::S3::Bucket
    DependsOn: UploadsInvoke
    Properties:
      VersioningConfiguration: {Status: Enabled}
      BucketEncryption:
        ServerSideEncryptionConfiguration: [{ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}}]
      LifecycleConfiguration:
        Rules: [{Id: expire, Status: Enabled, ExpirationInDays: 7}]
      CorsConfiguration:
        CorsRules: [{AllowedMethods: [GET], AllowedOrigins: ["*"]}]
      PublicAccessBlockConfiguration: {BlockPublicAcls: true, BlockPublicPolicy: true}
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Inline.Arn
            Filter: {S3Key: {Rules: [{Name: suffix, Value: .json}]}}
  UploadsInvoke:
    Type: AWS::Lambda::Permission
    Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref Inline, Principal: s3.amazonaws.com}
  UploadsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Uploads
      PolicyDocument:
        Statement: [{Effect: Deny, Principal: "*", Action: "s3:*", Resource: !Sub "${Uploads.Arn}/*",
                     Condition: {Bool: {"aws:SecureTransport": false}}}]
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}, {AttributeName: day, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      GlobalSecondaryIndexes:
        - IndexName: by-day
          KeySchema: [{AttributeName: day, KeyType: HASH}]
          Projection: {ProjectionType: ALL}
      StreamSpecification: {StreamViewType: NEW_IMAGE}
      TimeToLiveSpecification: {AttributeName: expires, Enabled: true}
  Bus:
    Type: AWS::Events::EventBus
    Properties: {Name: orders}
  OrderCreated:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      EventPattern: {source: [orders], detail-type: [created]}
      Targets: [{Id: worker, Arn: !GetAtt Worker.Arn}]
  PartnerConnection:
    Type: AWS::Events::Connection
    Properties:
      AuthorizationType: API_KEY
      AuthParameters: {ApiKeyAuthParameters: {ApiKeyName: x-api-key, ApiKeyValue: not-a-secret}}
  PartnerWebhook:
    Type: AWS::Events::ApiDestination
    Properties: {ConnectionArn: !GetAtt PartnerConnection.Arn, InvocationEndpoint: "https://example.com/hook",
                 HttpMethod: POST, InvocationRateLimitPerSecond: 10}
  ToPartner:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      EventPattern: {source: [orders]}
      Targets:
        - {Id: partner, Arn: !GetAtt PartnerWebhook.Arn, RoleArn: !GetAtt FunctionRole.Arn,
           HttpParameters: {HeaderParameters: {x-source: lsqm}}}
  Nightly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 day)
      FlexibleTimeWindow: {Mode: "OFF"}
      Target: {Arn: !GetAtt Inline.Arn, RoleArn: !GetAtt FunctionRole.Arn}
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: orders-api}
  OrdersResource:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: orders}
  OrdersGet:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref OrdersResource
      HttpMethod: GET
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Inline.Arn}/invocations"
  ApiDeployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: OrdersGet
    Properties: {RestApiId: !Ref Api}
  ApiStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref ApiDeployment
      StageName: !Ref StageName
      MethodSettings: [{ResourcePath: "/*", HttpMethod: "*", MetricsEnabled: true}]
  HttpApi:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: orders-http, ProtocolType: HTTP}
  HttpIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: {ApiId: !Ref HttpApi, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Worker.Arn,
                 PayloadFormatVersion: "2.0"}
  HttpRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties: {ApiId: !Ref HttpApi, RouteKey: "GET /orders", Target: !Sub "integrations/${HttpIntegration}"}
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: {ApiId: !Ref HttpApi, StageName: $default, AutoDeploy: true}
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt FunctionRole.Arn
      Definition:
        StartAt: Work
        States: {Work: {Type: Task, Resource: "${WorkerArn}", End: true}}
      DefinitionSubstitutions: {WorkerArn: !GetAtt Worker.Arn}
  OrdersPipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: !GetAtt FunctionRole.Arn
      Source: !GetAtt OrdersQueue.Arn
      Target: !Ref Flow
      SourceParameters:
        SqsQueueParameters: {BatchSize: 1}
        FilterCriteria: {Filters: [{Pattern: '{"body": {"kind": ["order"]}}'}]}
      TargetParameters:
        StepFunctionStateMachineParameters: {InvocationType: FIRE_AND_FORGET}
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: !Sub "/aws/lambda/${Worker}", RetentionInDays: 7}
Outputs:
  ApiUrl:
    Value: !Sub "https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${StageName}/orders"
  QueueUrl:
    Value: !Ref OrdersQueue
  WorkerUrl:
    Value: !GetAtt WorkerUrl.FunctionUrl
  PublishedWorker:
    Value: !Ref WorkerVersion
  LogGroupArn:
    Value: !GetAtt Logs.Arn
)";

inline const char* const kManagementStack = R"({
  "Parameters": {
    "Environment": {"Type": "String", "AllowedValues": ["dev", "prod"]},
    "RetentionHours": {"Type": "Number", "Default": "48"}
  },
  "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Environment"}, "prod"]}},
  "Mappings": {"Shards": {"dev": {"Count": 1}, "prod": {"Count": 2}}},
  "Resources": {
    "Key": {"Type": "AWS::KMS::Key", "Properties": {"Description": "data key", "EnableKeyRotation": true,
      "KeyPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
        "Action": "kms:*", "Resource": "*"}]}}},
    "KeyAlias": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": "alias/lsqm-data", "TargetKeyId": {"Ref": "Key"}}},
    "Setting": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "Environment"},
      "Tags": {"team": "data"}}},
    "DbSecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"GenerateSecretString": {
      "SecretStringTemplate": "{\"username\": \"admin\"}", "GenerateStringKey": "password", "PasswordLength": 24,
      "ExcludeCharacters": "\"@/\\"}}},
    "Stream": {"Type": "AWS::Kinesis::Stream", "Properties": {
      "ShardCount": {"Fn::FindInMap": ["Shards", {"Ref": "Environment"}, "Count"]},
      "RetentionPeriodHours": {"Ref": "RetentionHours"}}},
    "Archive": {"Type": "AWS::S3::Bucket"},
    "DeliveryRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [
      {"Effect": "Allow", "Principal": {"Service": "firehose.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
    "Delivery": {"Type": "AWS::KinesisFirehose::DeliveryStream", "Properties": {
      "DeliveryStreamType": "KinesisStreamAsSource",
      "KinesisStreamSourceConfiguration": {"KinesisStreamARN": {"Fn::GetAtt": ["Stream", "Arn"]},
                                           "RoleARN": {"Fn::GetAtt": ["DeliveryRole", "Arn"]}},
      "ExtendedS3DestinationConfiguration": {"BucketARN": {"Fn::GetAtt": ["Archive", "Arn"]},
        "RoleARN": {"Fn::GetAtt": ["DeliveryRole", "Arn"]}, "Prefix": "raw/",
        "BufferingHints": {"IntervalInSeconds": 60, "SizeInMBs": 5},
        "CloudWatchLoggingOptions": {"Enabled": true, "LogGroupName": {"Ref": "AppLogs"}, "LogStreamName": "delivery"},
        "EncryptionConfiguration": {"KMSEncryptionConfig": {"AWSKMSKeyARN": {"Fn::GetAtt": ["Key", "Arn"]}}},
        "ProcessingConfiguration": {"Enabled": true, "Processors": [{"Type": "AppendDelimiterToRecord",
          "Parameters": [{"ParameterName": "Delimiter", "ParameterValue": "\\n"}]}]}}}},
    "ReadStream": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Roles": [{"Ref": "DeliveryRole"}],
      "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kinesis:Get*"],
        "Resource": {"Fn::GetAtt": ["Stream", "Arn"]}}]}}},
    "WriteArchive": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "write-archive",
      "Roles": [{"Ref": "DeliveryRole"}], "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:PutObject", "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["Archive", "Arn"]}, "/*"]]}}]}}},
    "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [{"Ref": "DeliveryRole"}]}},
    "Pages": {"Type": "AWS::SNS::Topic", "Condition": "IsProd"},
    "PagesPolicy": {"Type": "AWS::SNS::TopicPolicy", "Condition": "IsProd", "Properties": {"Topics": [{"Ref": "Pages"}],
      "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"},
        "Action": "sns:Publish", "Resource": {"Ref": "Pages"}}]}}},
    "Lagging": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"Namespace": "AWS/Kinesis",
      "MetricName": "GetRecords.IteratorAgeMilliseconds", "Statistic": "Maximum", "Period": 60,
      "EvaluationPeriods": 5, "Threshold": 60000, "ComparisonOperator": "GreaterThanThreshold",
      "Dimensions": [{"Name": "StreamName", "Value": {"Ref": "Stream"}}],
      "AlarmActions": [{"Fn::If": ["IsProd", {"Ref": "Pages"}, {"Ref": "AWS::NoValue"}]}]}},
    "AppLogs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}},
    "ToStream": {"Type": "AWS::Logs::SubscriptionFilter", "Properties": {"LogGroupName": {"Ref": "AppLogs"},
      "FilterPattern": "", "DestinationArn": {"Fn::GetAtt": ["Stream", "Arn"]},
      "RoleArn": {"Fn::GetAtt": ["DeliveryRole", "Arn"]}}},
    "PartnerApi": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "partner"}},
    "PartnerKey": {"Type": "AWS::ApiGateway::ApiKey", "Properties": {"Enabled": true}},
    "PartnerPlan": {"Type": "AWS::ApiGateway::UsagePlan", "Properties": {
      "Quota": {"Limit": 1000, "Period": "DAY"}, "Throttle": {"BurstLimit": 10, "RateLimit": 5}}},
    "PartnerPlanKey": {"Type": "AWS::ApiGateway::UsagePlanKey", "Properties": {"KeyId": {"Ref": "PartnerKey"},
      "KeyType": "API_KEY", "UsagePlanId": {"Ref": "PartnerPlan"}}},
    "Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"}
  },
  "Outputs": {
    "StreamArn": {"Value": {"Fn::GetAtt": ["Stream", "Arn"]}},
    "SecretArn": {"Value": {"Ref": "DbSecret"}},
    "Setting": {"Value": {"Fn::GetAtt": ["Setting", "Value"]}}
  }
})";

inline const char* const kNetworkStack = R"(Parameters:
  LatestAmi:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
Resources:
  Network:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.20.0.0/16, EnableDnsHostnames: true, Tags: [{Key: Name, Value: lsqm-net}]}
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Network
      CidrBlock: !Select [0, !Cidr [!GetAtt Network.CidrBlock, 4, 8]]
      AvailabilityZone: !Select [0, !GetAZs ""]
      MapPublicIpOnLaunch: true
  Gateway:
    Type: AWS::EC2::InternetGateway
  GatewayAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Network, InternetGatewayId: !Ref Gateway}
  PublicRoutes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Network}
  DefaultRoute:
    Type: AWS::EC2::Route
    DependsOn: GatewayAttachment
    Properties: {RouteTableId: !Ref PublicRoutes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gateway}
  PublicSubnetRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnet, RouteTableId: !Ref PublicRoutes}
  NatAddress:
    Type: AWS::EC2::EIP
    Properties: {Domain: vpc}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {AllocationId: !GetAtt NatAddress.AllocationId, SubnetId: !Ref PublicSubnet}
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Network
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  AdminAccess:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref WebGroup, IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: !Ref WebGroup}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref LatestAmi
      InstanceType: t3.micro
      SubnetId: !Ref PublicSubnet
      SecurityGroupIds: [!Ref WebGroup]
      UserData: !Base64 |
        #!/bin/bash
        echo ready
      BlockDeviceMappings: [{DeviceName: /dev/xvdb, Ebs: {VolumeSize: 8, VolumeType: gp3}}]
Outputs:
  WebAddress: {Value: !GetAtt Web.PrivateIp}
  NatAddress: {Value: !Ref NatAddress}
)";

}  // namespace lsqm::cfn::testing
