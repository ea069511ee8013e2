terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "data" {
  description             = "lsqm example key"
  deletion_window_in_days = 7
}

resource "aws_kms_alias" "data" {
  name          = "alias/lsqm-data"
  target_key_id = aws_kms_key.data.key_id
}
