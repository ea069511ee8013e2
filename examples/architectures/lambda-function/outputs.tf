output "function_name" {
  value = aws_lambda_function.hello.function_name
}
