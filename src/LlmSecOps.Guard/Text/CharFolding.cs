namespace LlmSecOps.Guard.Text;

/// <summary>
/// Character tables behind <see cref="TextNormalizer"/>. The runtime runs with invariant
/// globalisation, where <c>string.Normalize</c> does not apply compatibility mappings, so the
/// subset of NFKC that matters for matching rules (full-width forms, mathematical and enclosed
/// alphanumerics, ligatures, super- and subscripts, small capitals, accented Latin letters) is
/// written out here, together with a compact table of Cyrillic and Greek look-alikes.
/// </summary>
internal static class CharFolding
{
    /// <summary>What pass one does with a code point.</summary>
    internal enum Kind : byte
    {
        /// <summary>Kept (possibly replaced by <see cref="Fold"/>'s output).</summary>
        Keep,

        /// <summary>Dropped: zero-width, format, bidi, variation selector, combining mark, tag.</summary>
        Drop,

        /// <summary>Whitespace that does not break a line.</summary>
        Space,

        /// <summary>Whitespace that breaks a line.</summary>
        Newline,
    }

    // U+00C0..U+017F without marks, lower case. '*' marks a letter that folds to two letters
    // (handled in Fold), '#' a character kept as it is.
    private const string LatinBase =
        "aaaaaa*ceeeeiiii" + // 00C0
        "dnooooo#ouuuuy#*" + // 00D0
        "aaaaaa*ceeeeiiii" + // 00E0
        "dnooooo#ouuuuy#y" + // 00F0
        "aaaaaaccccccccdd" + // 0100
        "ddeeeeeeeeeegggg" + // 0110
        "gggghhhhiiiiiiii" + // 0120
        "ii**jjkkklllllll" + // 0130
        "lllnnnnnnnnnoooo" + // 0140
        "oo**rrrrrrssssss" + // 0150
        "ssttttttuuuuuuuu" + // 0160
        "uuuuwwyyyzzzzzzs";  // 0170

    /// <summary>Classifies a code point for pass one.</summary>
    public static Kind Classify(int cp)
    {
        if (cp < 0x80)
        {
            return cp switch
            {
                '\n' or '\r' or '\v' or '\f' => Kind.Newline,
                ' ' or '\t' => Kind.Space,
                < 0x20 or 0x7F => Kind.Drop,
                _ => Kind.Keep,
            };
        }

        switch (cp)
        {
            case 0x85 or 0x2028 or 0x2029:
                return Kind.Newline;
            case 0xA0 or 0x1680 or (>= 0x2000 and <= 0x200A) or 0x202F or 0x205F or 0x3000:
                return Kind.Space;
            case < 0xA0: // C1 controls
            case 0xAD: // soft hyphen
            case 0x34F: // combining grapheme joiner
            case >= 0x300 and <= 0x36F: // combining diacritics (also strips "zalgo" stacking)
            case >= 0x1AB0 and <= 0x1AFF:
            case >= 0x1DC0 and <= 0x1DFF:
            case >= 0x20D0 and <= 0x20FF:
            case >= 0xFE20 and <= 0xFE2F:
            case 0x61C or 0x180E or 0x640: // Arabic letter mark, Mongolian vowel separator, tatweel
            case >= 0x64B and <= 0x65F: // Arabic harakat
            case 0x670 or 0x93C: // Arabic superscript alef, Devanagari nukta
            case >= 0x200B and <= 0x200F: // zero-width space/joiners, LRM, RLM
            case >= 0x202A and <= 0x202E: // bidi embeddings and overrides
            case >= 0x2060 and <= 0x206F: // word joiner, invisible operators, isolates, deprecated format
            case >= 0xFE00 and <= 0xFE0F: // variation selectors
            case 0xFEFF or (>= 0xFFF9 and <= 0xFFFB):
            case >= 0xE0000 and <= 0xE007F: // tag characters
            case >= 0xE0100 and <= 0xE01EF: // variation selectors supplement
            case >= 0x1D173 and <= 0x1D17A: // musical formatting
                return Kind.Drop;
            default:
                return Kind.Keep;
        }
    }

    /// <summary>
    /// A word list entry with the compatibility folds the normaliser applies to text (accents off
    /// Latin letters, one form of the Arabic yeh and kaf …), char by char; case is left alone.
    /// Returns the same instance when nothing folds.
    /// </summary>
    public static string FoldEntry(string entry)
    {
        Span<char> folded = stackalloc char[3];
        System.Text.StringBuilder? sb = null;
        for (var i = 0; i < entry.Length; i++)
        {
            var n = Fold(entry[i], folded);
            if (n == 0)
            {
                sb?.Append(entry[i]);
                continue;
            }

            sb ??= new System.Text.StringBuilder(entry, 0, i, entry.Length + 4);
            sb.Append(folded[..n]);
        }

        return sb?.ToString() ?? entry;
    }

    /// <summary>
    /// Writes the compatibility fold of a kept code point into <paramref name="destination"/>
    /// (up to three chars) and returns how many were written; 0 means "no fold, keep the code point".
    /// </summary>
    public static int Fold(int cp, Span<char> destination)
    {
        char c;
        switch (cp)
        {
            case < 0xAA:
                return 0;
            case >= 0xC0 and <= 0x17F:
                c = LatinBase[cp - 0xC0];
                if (c == '#')
                {
                    return 0;
                }

                if (c == '*')
                {
                    return Two(cp switch
                    {
                        0xC6 or 0xE6 => "ae",
                        0xDF => "ss",
                        0x132 or 0x133 => "ij",
                        _ => "oe",
                    }, destination);
                }

                break;
            case >= 0xFF01 and <= 0xFF5E:
                c = (char)(cp - 0xFF01 + 0x21);
                break;
            case >= 0x1D400 and <= 0x1D6A3:
                {
                    var i = (cp - 0x1D400) % 52;
                    c = (char)(i < 26 ? 'a' + i : 'a' + i - 26);
                    break;
                }

            case >= 0x1D7CE and <= 0x1D7FF:
                c = (char)('0' + ((cp - 0x1D7CE) % 10));
                break;
            case >= 0x2460 and <= 0x2468:
                c = (char)('1' + (cp - 0x2460));
                break;
            case >= 0x249C and <= 0x24B5:
                c = (char)('a' + (cp - 0x249C));
                break;
            case >= 0x24B6 and <= 0x24CF:
                c = (char)('a' + (cp - 0x24B6));
                break;
            case >= 0x24D0 and <= 0x24E9:
                c = (char)('a' + (cp - 0x24D0));
                break;
            case 0x24EA:
                c = '0';
                break;
            case >= 0x1F110 and <= 0x1F129:
                c = (char)('a' + (cp - 0x1F110));
                break;
            case >= 0x1F130 and <= 0x1F149:
                c = (char)('a' + (cp - 0x1F130));
                break;
            case >= 0x1F150 and <= 0x1F169:
                c = (char)('a' + (cp - 0x1F150));
                break;
            case >= 0x1F170 and <= 0x1F189:
                c = (char)('a' + (cp - 0x1F170));
                break;
            case >= 0x1F1E6 and <= 0x1F1FF:
                c = (char)('a' + (cp - 0x1F1E6));
                break;
            case >= 0x2080 and <= 0x2089:
                c = (char)('0' + (cp - 0x2080));
                break;
            case >= 0x2074 and <= 0x2079:
                c = (char)('0' + (cp - 0x2070));
                break;
            case >= 0xFB00 and <= 0xFB06:
                return Two(cp switch
                {
                    0xFB00 => "ff",
                    0xFB01 => "fi",
                    0xFB02 => "fl",
                    0xFB03 => "ffi",
                    0xFB04 => "ffl",
                    _ => "st",
                }, destination);
            case 0x2026:
                return Two("...", destination);
            default:
                c = Single(cp);
                if (c == '\0')
                {
                    return 0;
                }

                break;
        }

        destination[0] = c;
        return 1;
    }

    private static int Two(string s, Span<char> destination)
    {
        s.AsSpan().CopyTo(destination);
        return s.Length;
    }

    // One-to-one folds outside the ranges handled arithmetically.
    private static char Single(int cp) => cp switch
    {
        0xAA => 'a',
        0xBA => 'o',
        0xB2 => '2',
        0xB3 => '3',
        0xB9 => '1',
        0xB4 or 0x2BC or 0x2018 or 0x2019 or 0x201A or 0x201B or 0x2032 or 0x2035 => '\'',
        0x201C or 0x201D or 0x201E or 0x201F or 0x2033 or 0x2036 or 0xAB or 0xBB => '"',
        (>= 0x2010 and <= 0x2015) or 0x2212 or 0xFE58 or 0xFE63 => '-',
        0x2044 or 0x2215 => '/',
        0xB7 or 0x2024 or 0x2027 or 0x2219 or 0x22C5 => '.',
        0x180 => 'b',
        0x218 or 0x219 => 's',
        0x21A or 0x21B => 't',
        0x251 => 'a',
        0x261 or 0x262 => 'g',
        0x269 or 0x26A => 'i',
        0x274 => 'n',
        0x280 => 'r',
        0x28F => 'y',
        0x299 => 'b',
        0x29C => 'h',
        0x29F => 'l',
        0x2B0 => 'h',
        0x2B2 => 'j',
        0x2B3 => 'r',
        0x2B7 => 'w',
        0x2B8 => 'y',
        0x2E1 => 'l',
        0x2E2 => 's',
        0x2E3 => 'x',
        0x1D00 or 0x1D2C or 0x1D43 => 'a',
        0x1D2E or 0x1D47 => 'b',
        0x1D04 or 0x1D9C => 'c',
        0x1D05 or 0x1D30 or 0x1D48 => 'd',
        0x1D07 or 0x1D31 or 0x1D49 => 'e',
        0x1DA0 or 0xA730 => 'f',
        0x1D33 or 0x1D4D => 'g',
        0x1D34 => 'h',
        0x1D35 or 0x1D62 or 0x2071 => 'i',
        0x1D0A or 0x1D36 => 'j',
        0x1D0B or 0x1D37 or 0x1D4F => 'k',
        0x1D38 => 'l',
        0x1D0D or 0x1D39 or 0x1D50 => 'm',
        0x1D3A or 0x207F => 'n',
        0x1D0F or 0x1D3C or 0x1D52 => 'o',
        0x1D18 or 0x1D3E or 0x1D56 => 'p',
        0x1D3F or 0x1D63 => 'r',
        0xA731 => 's',
        0x1D1B or 0x1D40 or 0x1D57 => 't',
        0x1D1C or 0x1D41 or 0x1D58 or 0x1D64 => 'u',
        0x1D20 or 0x1D5B or 0x1D65 => 'v',
        0x1D21 or 0x1D42 => 'w',
        0x1D22 or 0x1DBB => 'z',
        0x2070 => '0',
        0x2090 => 'a',
        0x2091 => 'e',
        0x2092 => 'o',
        0x2093 => 'x',
        0x2095 => 'h',
        0x2096 => 'k',
        0x2097 => 'l',
        0x2098 => 'm',
        0x2099 => 'n',
        0x209A => 'p',
        0x209B => 's',
        0x209C => 't',
        0x2102 or 0x212D => 'c',
        0x210A => 'g',
        >= 0x210B and <= 0x210F => 'h',
        0x2110 or 0x2111 or 0x2139 or 0x2148 or 0x2160 or 0x2170 => 'i',
        0x2112 or 0x2113 or 0x216C or 0x217C => 'l',
        0x2115 => 'n',
        0x2119 => 'p',
        0x211A => 'q',
        >= 0x211B and <= 0x211D => 'r',
        0x2124 => 'z',
        0x212A => 'k',
        0x212B => 'a',
        0x212C => 'b',
        0x212F or 0x2130 or 0x2147 => 'e',
        0x2131 => 'f',
        0x2133 or 0x216F or 0x217F => 'm',
        0x2134 => 'o',
        0x2145 or 0x2146 or 0x216E or 0x217E => 'd',
        0x2149 => 'j',
        0x2164 or 0x2174 => 'v',
        0x2169 or 0x2179 => 'x',
        0x216D or 0x217D => 'c',
        // Arabic alef and yeh/kaf variants, so one spelling of a keyword matches the others.
        0x622 or 0x623 or 0x625 or 0x671 => '\u0627',
        0x649 or 0x6CC => '\u064A',
        0x6A9 => '\u0643',
        // Devanagari letters with a precomposed nukta fold to the bare consonant (the nukta is dropped).
        0x958 => '\u0915',
        0x959 => '\u0916',
        0x95A => '\u0917',
        0x95B => '\u091C',
        0x95C => '\u0921',
        0x95D => '\u0922',
        0x95E => '\u092B',
        0x95F => '\u092F',
        0x401 or 0x451 => '\u0435', // ё → е
        _ => '\0',
    };

    /// <summary>
    /// The Latin letter a Cyrillic, Greek or Armenian character is mistaken for, or '\0'. Applied
    /// by the normaliser only inside words that mix scripts (or look-alike words in Latin text),
    /// so real Russian or Greek words are left alone. Case matters: Greek capital eta looks like
    /// "H" while small eta looks like "n".
    /// </summary>
    public static char Confusable(char c) => c switch
    {
        '\u0410' or '\u0430' or '\u0391' or '\u03B1' or '\u03AC' => 'a',
        '\u0412' or '\u0432' or '\u042C' or '\u044C' or '\u0392' or '\u03B2' => 'b',
        '\u0421' or '\u0441' or '\u03F2' or '\u03F9' => 'c',
        '\u0500' or '\u0501' => 'd',
        '\u0415' or '\u0435' or '\u0451' or '\u0395' or '\u03B5' or '\u03AD' => 'e',
        '\u0581' => 'g',
        '\u041D' or '\u043D' or '\u04BA' or '\u04BB' or '\u0397' or '\u0570' => 'h',
        '\u0406' or '\u0456' or '\u0457' or '\u0399' or '\u03B9' or '\u03AF' => 'i',
        '\u0408' or '\u0458' or '\u03F3' => 'j',
        '\u041A' or '\u043A' or '\u039A' or '\u03BA' => 'k',
        '\u04C0' or '\u04CF' => 'l',
        '\u041C' or '\u043C' or '\u039C' => 'm',
        '\u043F' or '\u039D' or '\u03B7' or '\u0578' => 'n',
        '\u041E' or '\u043E' or '\u039F' or '\u03BF' or '\u03CC' or '\u0585' => 'o',
        '\u0420' or '\u0440' or '\u03A1' or '\u03C1' => 'p',
        '\u051A' or '\u051B' or '\u0566' => 'q',
        '\u0433' => 'r',
        '\u0405' or '\u0455' => 's',
        '\u0422' or '\u0442' or '\u03A4' or '\u03C4' => 't',
        '\u03C5' or '\u03CD' or '\u057D' => 'u',
        '\u03BD' => 'v',
        '\u051C' or '\u051D' or '\u03C9' => 'w',
        '\u0425' or '\u0445' or '\u03A7' or '\u03C7' => 'x',
        '\u0423' or '\u0443' or '\u04AE' or '\u04AF' or '\u03A5' or '\u03B3' => 'y',
        '\u0396' => 'z',
        _ => '\0',
    };

    /// <summary>Whether a char belongs to a script the look-alike table covers.</summary>
    public static bool IsConfusableScript(char c) =>
        c is (>= '\u0370' and <= '\u03FF') or (>= '\u0400' and <= '\u052F') or (>= '\u0530' and <= '\u058F');

    /// <summary>
    /// Whether a char is in a script written without spaces between words (Han, kana) or where
    /// keywords are glued to particles and clitics (Hangul, Arabic, Thai). Rules match keywords
    /// inside such words as substrings.
    /// </summary>
    public static bool IsSubstringScript(char c) =>
        c is (>= '\u3040' and <= '\u30FF') // kana
            or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') // Han
            or (>= '\uAC00' and <= '\uD7AF') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F') // Hangul
            or (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') // Arabic
            or (>= '\u0E00' and <= '\u0E7F'); // Thai

    /// <summary>Whether a char is a Han ideograph or kana (text with no spaces at all).</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');
}
