fn main() {
    playground::run();
}
