namespace LlmSecOps.Guard.Scanners.Refusal;

/// <summary>
/// Phrases models use when they decline, in English and the major languages. "Strong" phrases say
/// the model will not or cannot do the thing; "medium" ones (apologies, "as an AI") usually
/// precede a refusal but also open ordinary answers, so they weigh less.
/// </summary>
internal static class RefusalPhrases
{
    private const double Strong = 0.85;
    private const double Medium = 0.55;

    /// <summary>Every phrase, lower-case, with a curly-apostrophe variant where the phrase has an apostrophe.</summary>
    public static IReadOnlyList<RefusalPhrase> All { get; } = Expand(
    [
        .. Lang("en", Strong,
            "i can't help with", "i cannot help with", "i can't assist with", "i cannot assist with", "i won't help with",
            "i can't provide", "i cannot provide", "i can't comply", "i cannot comply", "i'm unable to help", "i am unable to help",
            "i'm not able to help", "i am not able to help", "i must decline", "i have to decline", "i can't do that",
            "i cannot do that", "i'm not able to provide", "i am not able to provide", "i can't fulfill", "i cannot fulfill",
            "i won't be able to", "against my guidelines", "violates my guidelines", "i'm not allowed to", "i am not allowed to",
            "i can't help you with", "i cannot help you with", "i'm unable to provide", "i am unable to provide"),
        .. Lang("en", Medium,
            "i'm sorry, but", "i am sorry, but", "i apologize, but", "sorry, but i", "as an ai", "as a language model",
            "i'm not comfortable", "i am not comfortable"),
        .. Lang("de", Strong,
            "ich kann dir dabei nicht helfen", "ich kann ihnen dabei nicht helfen", "ich kann dabei nicht helfen",
            "dabei kann ich nicht helfen", "ich kann das nicht tun", "das kann ich nicht tun", "ich darf dir dabei nicht",
            "ich bin nicht in der lage", "muss ich ablehnen", "kann ich leider nicht"),
        .. Lang("de", Medium, "es tut mir leid, aber", "tut mir leid, aber", "als ki", "als sprachmodell", "als ki-sprachmodell"),
        .. Lang("fr", Strong,
            "je ne peux pas vous aider", "je ne peux pas t'aider", "je ne peux pas répondre", "je ne peux pas fournir",
            "je ne suis pas en mesure de", "je dois refuser", "je ne peux pas faire cela", "je ne peux pas faire ça"),
        .. Lang("fr", Medium,
            "je suis désolé, mais", "je suis désolée, mais", "désolé, mais", "en tant qu'ia", "en tant qu'intelligence artificielle",
            "en tant que modèle de langage"),
        .. Lang("es", Strong,
            "no puedo ayudarte con", "no puedo ayudar con", "no puedo ayudarle con", "no puedo proporcionar", "no puedo hacer eso",
            "no estoy en condiciones de", "debo rechazar", "no puedo cumplir"),
        .. Lang("es", Medium, "lo siento, pero", "como ia", "como una ia", "como modelo de lenguaje", "como un modelo de lenguaje"),
        .. Lang("pt", Strong,
            "não posso ajudar com", "não posso te ajudar", "não posso ajudá-lo", "não consigo ajudar com", "não posso fornecer",
            "não posso fazer isso", "devo recusar"),
        .. Lang("pt", Medium, "desculpe, mas", "sinto muito, mas", "como uma ia", "como modelo de linguagem", "como um modelo de linguagem"),
        .. Lang("it", Strong,
            "non posso aiutarti con", "non posso aiutarla", "non posso aiutare con", "non posso fornire", "non posso farlo",
            "non sono in grado di", "devo rifiutare"),
        .. Lang("it", Medium, "mi dispiace, ma", "come ia", "come un'ia", "come modello linguistico", "come modello di linguaggio"),
        .. Lang("nl", Strong,
            "ik kan je daar niet mee helpen", "ik kan je hier niet mee helpen", "ik kan u daar niet mee helpen",
            "ik kan daar niet mee helpen", "ik kan je niet helpen", "ik kan dat niet doen", "ik ben niet in staat", "ik moet weigeren"),
        .. Lang("nl", Medium, "het spijt me, maar", "sorry, maar", "als ai", "als taalmodel", "als ai-taalmodel"),
        .. Lang("ru", Strong,
            "я не могу помочь", "я не могу с этим помочь", "не могу помочь с этим", "я не могу предоставить", "я не могу это сделать",
            "я не могу выполнить", "я вынужден отказать", "я должен отказаться", "к сожалению, я не могу"),
        .. Lang("ru", Medium, "извините, но", "как ии", "как языковая модель", "как модель ии"),
        .. Lang("zh", Strong,
            "我无法帮助", "我不能帮助", "我无法协助", "我不能协助", "我无法提供", "我不能提供", "我无法满足", "我不能满足", "恕我无法", "我无法完成"),
        .. Lang("zh", Medium, "很抱歉", "抱歉，", "对不起，", "作为一个人工智能", "作为人工智能", "作为ai", "作为一个ai", "作为一个语言模型"),
        .. Lang("ja", Strong,
            "お手伝いできません", "お答えできません", "提供できません", "お応えできません", "対応できません", "お手伝いすることはできません", "お断りします"),
        .. Lang("ja", Medium, "申し訳ありませんが", "申し訳ございませんが", "すみませんが", "aiとして", "ai言語モデルとして", "言語モデルとして"),
        .. Lang("ko", Strong,
            "도와드릴 수 없습니다", "도와드릴 수 없어요", "도와 드릴 수 없습니다", "제공할 수 없습니다", "제공해 드릴 수 없습니다",
            "응답할 수 없습니다", "요청을 거절"),
        .. Lang("ko", Medium, "죄송하지만", "죄송합니다만", "ai로서", "언어 모델로서", "인공지능으로서"),
    ]);

    private static IEnumerable<RefusalPhrase> Lang(string language, double weight, params string[] phrases) =>
        phrases.Select(p => new RefusalPhrase(p, language, weight));

    private static RefusalPhrase[] Expand(RefusalPhrase[] phrases)
    {
        var all = new List<RefusalPhrase>(phrases.Length * 2);
        foreach (var p in phrases)
        {
            all.Add(p);
            if (p.Text.Contains('\'', StringComparison.Ordinal))
            {
                all.Add(p with { Text = p.Text.Replace('\'', '\u2019') });
            }
        }

        return [.. all];
    }
}
