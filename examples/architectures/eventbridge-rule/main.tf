terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_sns_topic" "ticks" {
  name = "lsqm-ticks"
}

resource "aws_cloudwatch_event_rule" "every_hour" {
  name                = "lsqm-every-hour"
  schedule_expression = "rate(1 hour)"
}

resource "aws_cloudwatch_event_target" "ticks" {
  rule = aws_cloudwatch_event_rule.every_hour.name
  arn  = aws_sns_topic.ticks.arn
}
