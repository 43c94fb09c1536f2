//! The language of the interface, and text given in both: a leaf of the crate, so that
//! the keymap (its help) and the sentences (`strings`) can both name it.

/// The language of the interface. Machine-readable output (JSON) is the same in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 中文.
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `zh` or `en` (also `zh-CN`, `zh_TW`, `en_US.UTF-8`, any case): the language a
    /// locale or a `--lang` value names, if it is one of the two.
    pub fn parse(name: &str) -> Option<Self> {
        let lower = name.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Self::Zh)
        } else if lower.starts_with("en") {
            Some(Self::En)
        } else {
            None
        }
    }

    /// The language of the locale, as POSIX orders its variables: the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides; Chinese when it
    /// begins with `zh`, else English.
    pub fn from_locale(variable: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| variable(name).filter(|value| !value.is_empty()))
            .map_or(Self::En, |value| {
                if value.to_ascii_lowercase().starts_with("zh") {
                    Self::Zh
                } else {
                    Self::En
                }
            })
    }

    /// How the language is written in settings: `zh`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Zh => "zh",
            Self::En => "en",
        }
    }
}

/// A piece of text in both languages, for tables written once (the keymap's help).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localized {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Localized {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_and_names_choose_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            }
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        let overridden = env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(Lang::from_locale(overridden), Lang::En);
        let empty_first = env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "C")]);
        assert_eq!(Lang::from_locale(empty_first), Lang::Zh);
        assert_eq!(Lang::parse("ZH-cn"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
