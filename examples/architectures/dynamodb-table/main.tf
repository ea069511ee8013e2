terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_dynamodb_table" "orders" {
  name         = "lsqm-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "customer_id"
  range_key    = "order_number"

  attribute {
    name = "customer_id"
    type = "S"
  }

  attribute {
    name = "order_number"
    type = "N"
  }
}
