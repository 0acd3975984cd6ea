using System.Buffers;
using System.Text;
using LlmSecOps.Guard.Text;

namespace LlmSecOps.Guard.Classifier;

/// <summary>
/// Small multilingual word lists for the ideas prompt attacks are built from, matched in the
/// cleaned text (lower case, one space between words, a space at each end). Each concept becomes
/// a structural feature whose weight the model learns, so a new phrasing that uses the same ideas
/// ("set aside the guidance you were given" / "vergiss deine Regeln") scores like the phrasings
/// seen in training even when its n-grams are new. Entries starting with a space match at a word
/// start; stems stop before accented letters so folded and unfolded text both match. Scripts
/// without spaces (Chinese, Japanese, Thai) match anywhere.
/// </summary>
internal static class ConceptLexicon
{
    public const int Override = 0;
    public const int RulesAndInstructions = 1;
    public const int Unrestricted = 2;
    public const int Persona = 3;
    public const int Extraction = 4;
    public const int Priming = 5;
    public const int Authority = 6;
    public const int Count = 7;

    public static IReadOnlyList<string> Names { get; } =
        ["override", "rules_and_instructions", "unrestricted", "persona", "extraction", "priming", "authority"];

    private static readonly string[][] Entries =
    [
        // Override: telling the model to drop what it was told.
        [
            " ignore", " ignoring", " disregard", " forget", " overrid", " bypass", " set aside", " abandon", " drop every", " drop all",
            " pay no attention", " no longer follow", " stop following", " cancel all", " scratch the", " nevermind", " never mind",
            " ignorier", " vergiss", " vergessen", " missacht", " oublie", " ne tiens pas compte", " olvida", " no hagas caso",
            " ignora", " dimentica", " non tenere conto", " esque", " desconsider", " negeer", " vergeet", " trek je niets aan",
            " zignoruj", " zapomnij", " nie przejmuj", " игнорир", " забудь", " не обращай внимания", " ігноруй", " не зважай",
            " yok say", " unut", " dikkate alma", "تجاهل", " انس", "لا تلتفت", "忽略", "忘掉", "忘记", "不要理会", "無視", "忘れて",
            "気にせず", " 무시", " 잊어", "신경 쓰지 말", "अनदेखा", " भूल जाओ", "ध्यान मत", " bỏ qua", " quên", " đừng để ý", " abaikan",
            " lupakan", " jangan pedulikan", " ignorera", " glöm", " strunta i", " ignoruj", " zapome", " ignoră", " uită", "αγνόησε", "ξέχνα",
            "התעלם", "שכח", "نادیده", "فراموش", "ไม่ต้องสนใจ", "ลืม",
            " hagyd figyelmen", " felejtsd el", " ignorer", " glem", " unohda", " älä välitä", " игнорирай", " забрави",
            " zanemari", " zaboravi", " игнориши", " заборави", "புறக்கணி", "மறந்துவிடு", "উপেক্ষা", "ভুলে যাও", "نظرانداز",
            "بھول جاؤ", " puuza", " sahau", " kalimutan", " huwag pansinin", " abaikan", " 忽視", "忘記", "不要理會",
        ],

        // Rules and instructions: what is being overridden.
        [
            " instruction", " rule", " guideline", " polic", " restriction", " filter", " guardrail", " directive", " system prompt",
            " prompt", " programming", " constraint", " limitation", " censorship", " safety", " content policy", " ethic", " moral",
            " anweisung", " regel", " richtlinie", " einschr", " consigne", " règle", " regle", " instrucci", " regla", " restricci",
            " istruzion", " regol", " limit", " instru", " regra", " restri", " instructie", " beperking", " instrukcj", " zasad",
            " ograniczen", " инструкц", " правил", " ограничен", " інструкц", " обмежен", " talimat", " kural", " kısıtlama", " kisitlama",
            "تعليمات", "قواعد", "قيود", "指令", "规则", "规定", "限制", "指示", "ルール", "制限", " 지시", " 규칙", " 제한", "निर्देश",
            "नियम", "पाबंदी", " hướng dẫn", " quy tắc", " giới hạn", " instruksi", " aturan", " batasan", " instruktion", " regler",
            " begränsning", " pokyn", " pravid", " reguli", "οδηγίες", "κανόν", "הוראות", "חוקים", "دستورالعمل", "قانون", "คำสั่ง", "กฎ",
            " utasítás", " szabály", " korlátoz", " ohje", " sääntö", " rajoitu", " инструкци", " uputstv", " pravil", " ограничењ",
            "அறிவுறுத்த", "விதி", "নির্দেশ", "নিয়ম", "ہدایات", " maelekezo", " maagizo", " sheria", " tagubilin", " patakaran",
            " arahan", " peraturan", "規則", "說明",
        ],

        // Unrestricted: the model without limits.
        [
            " no restriction", " without restriction", " without any restriction", " unrestricted", " uncensored", " unfiltered",
            " no rules", " no limits", " no limit", " no filter", " no ethical", " no moral", " never refuse", " not refuse",
            " never say no", " anything now", " do anything", " jailbreak", " jailbroken", " developer mode", " dan mode", " god mode",
            " amoral", " no boundaries", " no guidelines", " no content polic", " free from", " freed from", " broken free",
            " without limits", " without filter", " no censorship", " without censorship", " ohne einschr", " ohne jede", " ohne filter",
            " keine regeln", " sans restriction", " sans aucune", " sans filtre", " sin restricci", " sin ninguna", " sin filtros",
            " senza limiti", " senza alcuna", " sem restri", " sem nenhuma", " zonder beperking", " bez ogranicze", " bez żadnych",
            " без ограничений", " без каких", " без правил", " без жодних", " kısıtlama olmadan", " kisitlama olmadan", "بلا قيود",
            "بلا قواعد", "دون أي قيود", "没有任何限制", "没有任何规则", "不再有", "制限なし", "制限のない", "ルールもフィルターもない",
            "제한 없", "규칙도 필터도", "बिना किसी", "कोई नियम", " không có giới hạn", " không có quy tắc", " tanpa batasan",
            " tanpa aturan", " utan begränsningar", " utan regler", " bez pravidel", " fără reguli", "χωρίς κανόνες", "בלי חוקים",
            "بدون قانون", "ไม่มีกฎ", " entwicklermodus", " mode développeur", " modo desarrollador", " modalità sviluppatore",
            " modo desenvolvedor", " ontwikkelaarsmodus", " tryb programisty", " режим разработчика", " geliştirici modu",
            "وضع المطور", "开发者模式", "開発者モード", "개발자 모드",
            " korlátozások nélkül", " szabályok nélkül", " uden begrænsninger", " uden regler", " ilman rajoituksia", " ilman sääntöjä",
            " без ограничения", " без правила", " bez ograničenja", " без ограничења", "கட்டுப்பாடுகள் இல்லாமல்", "সীমাবদ্ধতা ছাড়া",
            "নিয়ম ছাড়া", "بغیر کسی پابندی", " bila vikwazo", " bila sheria", " walang limitasyon", " walang patakaran", " tanpa sekatan",
            "ללא הגבלות", "بدون محدودیت", "ไม่มีข้อจำกัด", "χωρίς περιορισμούς", "沒有任何限制", "不受限制", " sin límites",
            " sans limites", " ohne grenzen", " senza restrizioni", " sem limites", " bez cenzury", " без цензуры", " sansürsüz",
        ],

        // Persona and framing: becoming someone else, or a fiction that licenses anything.
        [
            " you are now", " you're now", " from now on", " pretend", " act as", " roleplay", " role-play", " role play",
            " stay in character", " in character", " persona", " imagine you", " you will be", " simulate", " hypothetical",
            " fictional", " thought experiment", " opposite day", " parallel universe", " alter ego", " two responses", " twin",
            " du bist jetzt", " ab jetzt", " tu so, als", " tu es maintenant", " désormais", " fais comme si", " ahora eres",
            " a partir de ahora", " finge", " ora sei", " d'ora in poi", " fingi", " agora você", " a partir de agora", " finja",
            " je bent nu", " vanaf nu", " doe alsof", " jesteś teraz", " od teraz", " udawaj", " теперь ты", " отныне", " притворись",
            " тепер ти", " відтепер", " уяви", " artık", " bundan sonra", " gibi davran", "أنت الآن", "من الآن", "تظاهر", "你现在是",
            "从现在开始", "假装", "あなたは今から", "今からは", "ふりをして", " 너는 이제", " 이제부터", " 척하고", " अब तुम", " अब से",
            " ऐसा दिखाओ", " bây giờ bạn", " từ giờ", " giả vờ", " sekarang kamu", " mulai sekarang", " berpura-pura", " du är nu",
            " från och med nu", " låtsas", " teď jsi", " od teď", " acum ești", " de acum", "τώρα είσαι", "από τώρα", "עכשיו אתה",
            "מעכשיו", "تو حالا", "از این به بعد", "ตอนนี้คุณคือ", "ต่อจากนี้",
            " mostantól", " tegyél úgy", " du er nu", " fra nu af", " lad som om", " olet nyt", " tästä lähtien", " teeskentele",
            " сега си", " от сега нататък", " преструвай", " sada si", " od sada", " pretvaraj", " сада си", " од сада",
            "இப்போது நீ", "இனிமேல்", "এখন থেকে", "তুমি এখন", "ভান কর", "اب تم", "اب سے", " sasa wewe ni", " kuanzia sasa",
            " jifanye", " mula ngayon", " magpanggap", " mulai kini", " berpura", "你現在是", "從現在開始", "假裝",
        ],

        // Extraction: getting the hidden prompt or secrets out.
        [
            " system prompt", " system message", " initial prompt", " initial instruction", " your instructions", " your prompt",
            " hidden", " verbatim", " word for word", " words above", " text above", " above this line", " everything above",
            " reveal", " secret", " password", " api key", " confidential", " configuration", " internal", " repeat your",
            " print your", " output your", " show your", " systemprompt", " wort für wort", " passwort", " mot pour mot",
            " mot de passe", " prompt système", " palabra por palabra", " contrase", " parola per parola", " palavra por palavra",
            " senha", " woord voor woord", " wachtwoord", " słowo w słowo", " hasło", " haslo", " дословно", " пароль",
            " системный промпт", " kelimesi kelimesine", " sistem istem", "حرفي", "موجه النظام", "逐字", "系统提示", "一字一句",
            "システムプロンプト", " 시스템 프롬프트", "한 글자도", "सिस्टम प्रॉम्प्ट", " lời nhắc hệ thống", " prompt sistem", " systemprompt",
            " rendszerprompt", " szó szerint", " jelszó", " ord for ord", " adgangskode", " sanasta sanaan", " salasana",
            " системния промпт", " дума по дума", " парола", " reč po reč", " lozinka", "கடவுச்சொல்", "পাসওয়ার্ড", "হুবহু", "پاس ورڈ",
            "لفظ بہ لفظ", " neno kwa neno", " nenosiri", " kata laluan", "系統提示", "סיסמה", "מילה במילה", "הנחיית המערכת", "رمز عبور",
            "کلمه به کلمه", "รหัสผ่าน", "คำต่อคำ", "κωδικό", "λέξη προς λέξη", "كلمة المرور", "पासवर्ड", "शब्दशः", " kata sandi",
            " kata demi kata", " mật khẩu", " nguyên văn", " 비밀번호", "パスワード", "密码", "密碼",
        ],

        // Priming: dictating the start of the answer or banning refusals.
        [
            " sure, here", " sure here", " absolutely! here", " here is how", " begin your re", " start your re", " begin with",
            " no disclaimer", " without any disclaimer", " no warning", " without warning", " never say", " don't apologi",
            " do not apologi", " no moraliz", " not moraliz", " lecture", " i can't", " i cannot", " i'm sorry", " as an ai",
            " refuse", " refusal", " decline", " without hesitation", " must answer", " answer everything", " answer anything",
            " lehnst nie", " ne refuses jamais", " nunca te niegas", " non rifiuti mai", " nunca se recusa", " weigert nooit",
            " nigdy nie odmawiasz", " никогда не отказываешь", " asla reddetm", "لا ترفض", "从不拒绝", "決して断りません", "절대 거절",
            " klar, hier", " natürlich, hier", " bien sûr, voici", " claro, aquí", " certo, ecco", " claro, aqui", " natuurlijk, hier",
            " jasne, oto", " конечно, вот", " tabii, işte", "بالتأكيد، إليك", "当然，这是", "好的，以下是", "もちろんです。こちら", "물론이죠",
            " chắc chắn rồi, đây", " tentu, ini", " niemals ablehnen", " ne jamais refuser", " nunca rechaces",
        ],

        // Authority: claims of special standing.
        [
            " administrator", " admin", " developer", " openai", " chatgpt", " operator", " maintenance mode", " debug mode",
            " sudo", " root access", " authoriz", " authoris", " security team", " the creator", " your creator", " official",
            " administrador", " administrateur", " amministratore", " администратор", "管理员", "管理者",
            " entwickler", " développeur", " desarrollador", " sviluppatore", " desenvolvedor", " ontwikkelaar", " programista",
            " разработчик", " geliştirici", "المطور", "开发者", "開発者", " 개발자", " quản trị viên", " pengembang",
        ],
    ];

    // Entries are searched in two sets: the ASCII ones (a vectorised search) and the rest (searched
    // only when the text has a character outside ASCII, which most prompts do not).
    private static readonly SearchValues<string> AsciiEntries;
    private static readonly SearchValues<string> OtherEntries;
    private static readonly Dictionary<int, (string Entry, int Concept)[]> ByFirstTwo;

    /// <summary>Every folded entry with its concept, in the order concepts and entries are listed.</summary>
    internal static IReadOnlyList<(string Entry, int Concept)> FoldedEntries { get; }

    static ConceptLexicon()
    {
        var folded = new List<(string Entry, int Concept)>();
        var byFirstTwo = new Dictionary<int, List<(string, int)>>();
        for (var c = 0; c < Entries.Length; c++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var raw in Entries[c])
            {
                // Entries are written as people spell them; the text they meet is normalised.
                var entry = Fold(raw);
                if (!seen.Add(entry))
                {
                    continue;
                }

                folded.Add((entry, c));
                var key = Key(entry);
                if (!byFirstTwo.TryGetValue(key, out var list))
                {
                    byFirstTwo[key] = list = [];
                }

                list.Add((entry, c));
            }
        }

        AsciiEntries = SearchValues.Create(folded.Select(static f => f.Entry).Where(static e => Ascii.IsValid(e)).ToArray(), StringComparison.Ordinal);
        OtherEntries = SearchValues.Create(folded.Select(static f => f.Entry).Where(static e => !Ascii.IsValid(e)).ToArray(), StringComparison.Ordinal);
        FoldedEntries = folded;
        ByFirstTwo = byFirstTwo.ToDictionary(static p => p.Key, static p => p.Value.ToArray());
    }

    /// <summary>
    /// The places in a cleaned text where a concept entry starts, in text order: the offset in
    /// <paramref name="positions"/> and the concept in <paramref name="concepts"/> (a place
    /// matching entries of several concepts is one hit per concept). Stops when the spans are
    /// full; returns the number of hits.
    /// </summary>
    public static int FindHits(ReadOnlySpan<char> clean, Span<int> positions, Span<byte> concepts)
    {
        var count = 0;
        var capacity = Math.Min(positions.Length, concepts.Length);
        var offset = 0;
        var nextAscii = NextMatch(clean, 0, AsciiEntries);
        var nextOther = Ascii.IsValid(clean) ? -1 : NextMatch(clean, 0, OtherEntries);
        while (offset < clean.Length - 1 && count < capacity)
        {
            if (nextAscii >= 0 && nextAscii < offset)
            {
                nextAscii = NextMatch(clean, offset, AsciiEntries);
            }

            if (nextOther >= 0 && nextOther < offset)
            {
                nextOther = NextMatch(clean, offset, OtherEntries);
            }

            var at = nextAscii < 0 ? nextOther : nextOther < 0 ? nextAscii : Math.Min(nextAscii, nextOther);
            if (at < 0)
            {
                break;
            }

            var rest = clean[at..];
            var seen = 0;
            foreach (var (entry, concept) in ByFirstTwo[Key(rest)])
            {
                if ((seen & (1 << concept)) == 0 && count < capacity && rest.StartsWith(entry, StringComparison.Ordinal))
                {
                    positions[count] = at;
                    concepts[count] = (byte)concept;
                    count++;
                    seen |= 1 << concept;
                }
            }

            offset = at + 1;
        }

        return count;
    }

    private static int Key(ReadOnlySpan<char> s) => (s[0] << 16) | s[1];

    private static int NextMatch(ReadOnlySpan<char> clean, int offset, SearchValues<string> entries)
    {
        if (offset >= clean.Length - 1)
        {
            return -1;
        }

        var found = clean[offset..].IndexOfAny(entries);
        return found < 0 ? -1 : offset + found;
    }

    // The normaliser's compatibility folds (accented Latin letters and the like), then lower case.
    private static string Fold(string entry) => CharFolding.FoldEntry(entry).ToLowerInvariant();
}
