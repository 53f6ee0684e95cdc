//! Keyboard shortcuts: which key does what, and where focus goes on a post.
//! `components/reading_shortcuts.rs` listens on a post page and moves focus;
//! the header's search box (`components/search.rs`) listens for `/`.

/// What a key does on a post page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// `j`: the next answer or comment.
    Next,
    /// `k`: the previous one.
    Previous,
    /// `r`: reply to the comment in focus.
    Reply,
    /// `?`: the list of shortcuts.
    Help,
    /// `/`: focus the search box (every page).
    Search,
}

/// The shortcuts as the help dialog lists them: key, then what it does.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("j", "Next answer or comment"),
    ("k", "Previous answer or comment"),
    ("r", "Reply to the comment in focus"),
    ("?", "Show these shortcuts"),
    ("/", "Search the site"),
];

/// A key press, as far as shortcuts care.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`: `"j"`, `"?"`, `"J"` with Shift.
    pub key: &'a str,
    /// Ctrl, Alt or Meta held (Shift only makes `?`).
    pub modifier: bool,
    /// Focus is in a text field, a select or editable content: the key is
    /// typing, never a shortcut.
    pub in_field: bool,
}

/// The shortcut a key press means, if any.
pub fn shortcut(press: &KeyPress) -> Option<Shortcut> {
    if press.modifier || press.in_field {
        return None;
    }
    match press.key {
        "j" => Some(Shortcut::Next),
        "k" => Some(Shortcut::Previous),
        "r" => Some(Shortcut::Reply),
        "?" => Some(Shortcut::Help),
        "/" => Some(Shortcut::Search),
        _ => None,
    }
}

/// Where focus goes among `len` answers and comments (in reading order)
/// from `current`: the next or the previous; from none, `j` starts at the
/// first. `None`: nowhere to go (the ends stay where they are).
pub fn step(current: Option<usize>, len: usize, forward: bool) -> Option<usize> {
    match (current, forward) {
        _ if len == 0 => None,
        (None, true) => Some(0),
        (None, false) => None,
        (Some(i), true) => (i + 1 < len).then_some(i + 1),
        (Some(i), false) => i.checked_sub(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str) -> KeyPress<'_> {
        KeyPress {
            key,
            ..KeyPress::default()
        }
    }

    #[test]
    fn keys_are_shortcuts_only_outside_fields_and_without_modifiers() {
        assert_eq!(shortcut(&press("j")), Some(Shortcut::Next));
        assert_eq!(shortcut(&press("k")), Some(Shortcut::Previous));
        assert_eq!(shortcut(&press("r")), Some(Shortcut::Reply));
        assert_eq!(shortcut(&press("?")), Some(Shortcut::Help));
        assert_eq!(shortcut(&press("/")), Some(Shortcut::Search));
        assert_eq!(shortcut(&press("J")), None);
        assert_eq!(shortcut(&press("x")), None);
        let typing = KeyPress {
            in_field: true,
            ..press("j")
        };
        assert_eq!(shortcut(&typing), None);
        let ctrl_r = KeyPress {
            modifier: true,
            ..press("r")
        };
        assert_eq!(shortcut(&ctrl_r), None);
        assert_eq!(SHORTCUTS.len(), 5);
    }

    #[test]
    fn focus_steps_through_and_stops_at_the_ends() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), None);
        assert_eq!(step(Some(0), 3, true), Some(1));
        assert_eq!(step(Some(2), 3, true), None);
        assert_eq!(step(Some(1), 3, false), Some(0));
        assert_eq!(step(Some(0), 3, false), None);
        assert_eq!(step(None, 0, true), None);
    }
}
