terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = "us-east-1"
  alias  = "east"
}

# a comment
resource "aws_s3_bucket" "b" {
  bucket = "lsqm-${var.name}-bucket" /* inline */
  tags   = { Name = "x" }
}

module "queue" {
  source = "./modules/queue"
}

locals {
  policy = <<-EOF
    { "Version": "2012-10-17" }
  EOF
}
