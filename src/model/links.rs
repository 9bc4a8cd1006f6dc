//! Links the app makes (the Share panel's, a lesson's): the model asks for them, the app
//! has the browser pack them (see `engine::share::LinkData`), and the model takes the
//! finished link back in [`Msg::Packed`](super::Msg::Packed).

use engine::share::LinkData;

use super::{Effects, Model};

/// The Share panel's link.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkState {
    /// Not asked for yet (see [`Model::take_link_requests`]).
    Wanted,
    /// Being packed.
    Packing,
    /// The link's fragment, or why there is none.
    Made(Result<String, String>),
}

/// Which link a packed one is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkFor {
    Share,
    Lesson,
}

/// A link to pack: its text goes through the browser's compressor, and
/// [`LinkData::finish`] makes the fragment of what comes back.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkRequest {
    pub what: LinkFor,
    pub data: LinkData,
}

impl Model {
    /// The links wanted since the last call, each asked for once.
    pub fn take_link_requests(&mut self) -> Vec<LinkRequest> {
        let mut out = Vec::new();
        if self.share == Some(LinkState::Wanted) {
            self.share = Some(match self.share_link_data() {
                Ok(data) => {
                    out.push(LinkRequest {
                        what: LinkFor::Share,
                        data,
                    });
                    LinkState::Packing
                }
                Err(e) => LinkState::Made(Err(e)),
            });
        }
        if let Some(l) = self.lesson.as_mut().filter(|l| !l.link_asked) {
            l.link_asked = true;
            if let Ok(data) = engine::share::lesson_link_data(&l.text) {
                out.push(LinkRequest {
                    what: LinkFor::Lesson,
                    data,
                });
            }
        }
        out
    }

    /// A link packed for `text`: kept if it is still the one wanted (the panel still
    /// open, the same lesson).
    pub(super) fn link_packed(
        &mut self,
        what: LinkFor,
        text: &str,
        link: Result<String, String>,
    ) -> Effects {
        match what {
            LinkFor::Share if self.share == Some(LinkState::Packing) => {
                self.share = Some(LinkState::Made(link));
            }
            LinkFor::Lesson => match self.lesson.as_mut() {
                Some(l) if *l.text == *text => l.link = link.ok().map(Into::into),
                _ => return Effects::NONE,
            },
            LinkFor::Share => return Effects::NONE,
        }
        Effects::RENDER
    }
}
