//! Prints the key reference for the README from the keymap.
fn main() {
    print!("{}", statusnote::tui::keys_doc::markdown());
}
