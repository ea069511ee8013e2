resource "aws_sqs_queue" "q" {
  name = "${
  1} /* "
  provisioner "local-exec" {
    command = "id"
  }
}
