terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_ssm_parameter" "endpoint" {
  name  = "/lsqm/example/endpoint"
  type  = "String"
  value = "https://example.invalid"
}

resource "aws_ssm_parameter" "password" {
  name  = "/lsqm/example/password"
  type  = "SecureString"
  value = "not-a-real-password"
}
