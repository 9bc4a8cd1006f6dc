//! `resource.Quantity` as `describe` shows it: canonical strings (`1500m`, `2k`, `1Gi`),
//! sums that keep the first operand's format, `Value()` and `MilliValue()`.

use crate::api::quantity::parse_milli;
use serde_json::Value as Json;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub milli: i128,
    pub format: Format,
}

impl Quantity {
    pub const ZERO: Quantity = Quantity {
        milli: 0,
        format: Format::DecimalSI,
    };

    pub fn parse(s: &str) -> Option<Quantity> {
        let milli = parse_milli(s)?;
        let t = s.trim();
        let format = if t.ends_with("i") {
            Format::BinarySI
        } else if t.trim_start_matches(['+', '-']).contains(['e', 'E']) {
            Format::DecimalExponent
        } else {
            Format::DecimalSI
        };
        Some(Quantity { milli, format })
    }

    pub fn from_json(v: &Json) -> Option<Quantity> {
        match v {
            Json::String(s) => Quantity::parse(s),
            Json::Number(n) => Quantity::parse(&n.to_string()),
            _ => None,
        }
    }

    /// `q.Add(other)`: the receiver's format is kept.
    pub fn add(self, other: Quantity) -> Quantity {
        Quantity {
            milli: self.milli + other.milli,
            format: self.format,
        }
    }

    pub fn milli_value(self) -> i128 {
        self.milli
    }

    /// `Value()`: whole units, rounded up.
    pub fn value(self) -> i128 {
        let q = self.milli.div_euclid(1000);
        if self.milli.rem_euclid(1000) != 0 {
            q + 1
        } else {
            q
        }
    }

    /// `Quantity.String()`, the canonical form.
    pub fn canonical(self) -> String {
        if self.milli == 0 {
            return "0".into();
        }
        let mut format = self.format;
        if format == Format::BinarySI && (self.milli.abs() < 1_024_000 || self.milli % 1000 != 0) {
            format = Format::DecimalSI;
        }
        if format == Format::BinarySI {
            let mut v = self.milli / 1000;
            let mut exp = 0;
            while v % 1024 == 0 && exp < 6 {
                v /= 1024;
                exp += 1;
            }
            return format!("{v}{}", ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][exp]);
        }
        // Decimal: mantissa × 10^exponent with the exponent a multiple of 3.
        let mut amount = self.milli;
        let mut exponent: i32 = -3;
        while amount % 10 == 0 {
            amount /= 10;
            exponent += 1;
        }
        match exponent.rem_euclid(3) {
            1 => {
                amount *= 10;
                exponent -= 1;
            }
            2 => {
                amount *= 100;
                exponent -= 2;
            }
            _ => {}
        }
        let suffix = if format == Format::DecimalExponent {
            if exponent == 0 {
                String::new()
            } else {
                format!("e{exponent}")
            }
        } else {
            match exponent {
                -9 => "n".into(),
                -6 => "u".into(),
                -3 => "m".into(),
                0 => String::new(),
                3 => "k".into(),
                6 => "M".into(),
                9 => "G".into(),
                12 => "T".into(),
                15 => "P".into(),
                18 => "E".into(),
                e => format!("e{e}"),
            }
        };
        format!("{amount}{suffix}")
    }
}

/// A quantity from a resource list as `describe` prints it: canonical when it parses,
/// otherwise as written.
pub fn show(v: &Json) -> String {
    match Quantity::from_json(v) {
        Some(q) => q.canonical(),
        None => match v {
            Json::String(s) => s.clone(),
            other => other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        Quantity::parse(s).unwrap().canonical()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(c("100m"), "100m");
        assert_eq!(c("1"), "1");
        assert_eq!(c("1000m"), "1");
        assert_eq!(c("1500m"), "1500m");
        assert_eq!(c("0.5"), "500m");
        assert_eq!(c("2000"), "2k");
        assert_eq!(c("1024Mi"), "1Gi");
        assert_eq!(c("1536Mi"), "1536Mi");
        assert_eq!(c("512Ki"), "512Ki");
        assert_eq!(c("1Ki"), "1Ki");
        assert_eq!(c("0.5Ki"), "512");
        assert_eq!(c("128974848"), "128974848");
        assert_eq!(c("129e6"), "129e6");
        assert_eq!(c("0"), "0");
        assert_eq!(c("16Gi"), "16Gi");
        assert_eq!(c("110"), "110");
    }
}
