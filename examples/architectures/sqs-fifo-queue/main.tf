terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_sqs_queue" "jobs" {
  name                       = "lsqm-jobs.fifo"
  fifo_queue                 = true
  visibility_timeout_seconds = 30
}
