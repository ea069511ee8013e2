terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}

# The deployment package travels inside the Terraform (no archive provider offline): a zip
# holding index.py (handler returns {"ok": true, "echo": event}), base64 in an S3 object.
resource "aws_s3_bucket" "code" {
  bucket        = "lsqm-lambda-code"
  force_destroy = true
}

resource "aws_s3_object" "package" {
  bucket         = aws_s3_bucket.code.bucket
  key            = "hello.zip"
  content_base64 = "UEsDBBQAAAAAAAAAIVhWA7zkUgAAAFIAAAAIAAAAaW5kZXgucHlpbXBvcnQganNvbgoKCmRlZiBoYW5kbGVyKGV2ZW50LCBjb250ZXh0KToKICAgIHJldHVybiB7Im9rIjogVHJ1ZSwgImVjaG8iOiBldmVudH0KUEsBAhQDFAAAAAAAAAAhWFYDvORSAAAAUgAAAAgAAAAAAAAAAAAAAKQBAAAAAGluZGV4LnB5UEsFBgAAAAABAAEANgAAAHgAAAAAAA=="
}

resource "aws_iam_role" "lambda" {
  name = "lsqm-lambda-exec"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_lambda_function" "hello" {
  function_name = "lsqm-hello"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.11"
  handler       = "index.handler"
  s3_bucket     = aws_s3_object.package.bucket
  s3_key        = aws_s3_object.package.key
}

resource "aws_sqs_queue" "work" {
  name                       = "lsqm-lambda-work"
  visibility_timeout_seconds = 60
}

resource "aws_lambda_event_source_mapping" "work" {
  event_source_arn = aws_sqs_queue.work.arn
  function_name    = aws_lambda_function.hello.arn
  batch_size       = 1
}
