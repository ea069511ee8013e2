terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/lsqm/example/app"
  retention_in_days = 7
}
