fn main() { playground::run(); }
