//! IntOrString (k8s.io/apimachinery/pkg/util/intstr).

use super::decode::FromJson;
use serde::Serialize;
use serde_json::Value as Json;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum IntOrString {
    Int(i32),
    Str(String),
}

impl std::fmt::Display for IntOrString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntOrString::Int(i) => write!(f, "{i}"),
            IntOrString::Str(s) => f.write_str(s),
        }
    }
}

impl IntOrString {
    /// `intstr.GetScaledValueFromIntOrPercent`: ints as they are, `N%` of `total`
    /// rounded up or down; a string without `%` is an error.
    pub fn scaled_value(&self, total: i64, round_up: bool) -> Result<i64, String> {
        match self {
            IntOrString::Int(i) => Ok(*i as i64),
            IntOrString::Str(s) => {
                let Some(num) = s.strip_suffix('%') else {
                    return Err("invalid type: string is not a percentage".to_string());
                };
                let v: i64 = num
                    .parse()
                    .map_err(|_| format!("invalid value for IntOrString: invalid value {s:?}"))?;
                let prod = v.saturating_mul(total);
                Ok(if round_up {
                    (prod + 99).div_euclid(100)
                } else {
                    prod.div_euclid(100)
                })
            }
        }
    }

    /// `getIntOrPercentValue` of apps validation: `"2"` counts as 2, `"0%"` as 0, a bad string as 0.
    pub fn int_or_percent_value(&self) -> i64 {
        match self {
            IntOrString::Int(i) => *i as i64,
            IntOrString::Str(s) => s.trim_end_matches('%').parse().unwrap_or(0),
        }
    }
}

impl FromJson for IntOrString {
    fn from_json(v: Json) -> Result<Self, String> {
        match v {
            Json::String(s) => Ok(IntOrString::Str(s)),
            Json::Number(n) => n
                .as_i64()
                .and_then(|i| i32::try_from(i).ok())
                .map(IntOrString::Int)
                .ok_or_else(untagged),
            _ => Err(untagged()),
        }
    }
}

fn untagged() -> String {
    "data did not match any variant of untagged enum IntOrString".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn rounding() {
        let p = |s: &str| IntOrString::Str(s.into());
        assert_eq!(p("50%").scaled_value(3, true), Ok(2));
        assert_eq!(p("1%").scaled_value(5, true), Ok(1));
        assert_eq!(p("0%").scaled_value(5, true), Ok(0));
        assert_eq!(p("10%").scaled_value(0, true), Ok(0));
        assert_eq!(p("10%").scaled_value(15, false), Ok(1));
        assert!(p("abc").scaled_value(5, true).is_err());
        assert_eq!(IntOrString::Int(3).scaled_value(100, true), Ok(3));
    }
}
