#include <cstdio>
int main() { std::puts("lsqm " LSQM_VERSION); }
