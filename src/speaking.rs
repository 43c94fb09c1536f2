//! Speaking time: how long a text takes to deliver at a rate in characters a minute,
//! and how a duration is written (2′10″, 2h24′49″). Used by the reader's tree and
//! status line and by `briefing stats`.

/// Seconds to speak `chars` characters at `rate` characters a minute.
pub fn seconds_for(chars: usize, rate: u32) -> u64 {
    let chars = u64::try_from(chars).unwrap_or(u64::MAX);
    chars.saturating_mul(60) / u64::from(rate.max(1))
}

/// 2′10″; from an hour on, 2h24′49″.
pub fn format_duration(seconds: u64) -> String {
    let mut text = String::new();
    push_duration(&mut text, seconds);
    text
}

/// Appends 2′10″ to `text`, or from an hour on 2h24′49″: a work report of three
/// hours read as 184′35″ has to be divided by 60 in the head. Not `format!`: the status
/// line and the tree write it at every move, and the formatting machinery is much code
/// to bring back into the processor's caches for each key.
pub fn push_duration(text: &mut String, seconds: u64) {
    let minutes = seconds / 60;
    if minutes >= 60 {
        push_number(text, minutes / 60);
        text.push('h');
        push_two_digits(text, minutes % 60);
    } else {
        push_number(text, minutes);
    }
    text.push('′');
    push_two_digits(text, seconds % 60);
    text.push('″');
}

/// Appends a number below 100 with a leading zero: the 05 of 2′05″.
fn push_two_digits(text: &mut String, number: u64) {
    if number < 10 {
        text.push('0');
    }
    push_number(text, number);
}

/// Appends `number` in decimal to `text`.
pub fn push_number(text: &mut String, number: impl itoa::Integer) {
    text.push_str(itoa::Buffer::new().format(number));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_minutes_and_two_digit_seconds() {
        for (seconds, text) in [
            (0, "0′00″"),
            (5, "0′05″"),
            (60, "1′00″"),
            (130, "2′10″"),
            (3599, "59′59″"),
        ] {
            assert_eq!(format_duration(seconds), text);
        }
    }

    #[test]
    fn durations_from_an_hour_on_have_hours_and_two_digit_minutes() {
        for (seconds, text) in [
            (3600, "1h00′00″"),
            (3600 + 5 * 60 + 7, "1h05′07″"),
            (144 * 60 + 49, "2h24′49″"),
            (163_999 * 60 + 52, "2733h19′52″"),
        ] {
            assert_eq!(format_duration(seconds), text);
        }
    }

    #[test]
    fn speaking_time_at_a_rate() {
        assert_eq!(seconds_for(220, 220), 60);
        assert_eq!(seconds_for(110, 220), 30);
        // A rate of 0 is read as 1 a minute rather than dividing by zero.
        assert_eq!(seconds_for(2, 0), 120);
    }
}
