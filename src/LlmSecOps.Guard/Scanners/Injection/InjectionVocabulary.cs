namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>
/// Word classes the injection rules are written in. Entries are in normalised form (lower case,
/// accents removed from Latin letters): <c>word</c>, <c>stem*</c>, <c>multi+word</c>, or a keyword
/// in a script without spaces. Non-English entries cover instruction override, system-prompt
/// extraction and developer-mode requests in German, French, Spanish, Portuguese, Italian,
/// Dutch, Russian, Chinese, Japanese, Korean, Arabic, Hindi, Turkish, Polish, Indonesian,
/// Swedish, Hebrew, Persian, Swahili, Romanian and Greek; harmful requests (harm, how-to, framing,
/// evasion, defensive intent, demands for detail) also in the 39 languages of
/// <see cref="RequestVocabulary"/>.
/// </summary>
internal static class InjectionVocabulary
{
    /// <summary>Concept name → entries.</summary>
    public static IReadOnlyDictionary<string, string[]> Concepts { get; } = Build();

    private static Dictionary<string, string[]> Build()
    {
        var concepts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string name, params string[] groups) =>
            concepts[name] = [.. concepts.GetValueOrDefault(name, []).Concat(groups.SelectMany(static g => g.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).Distinct()];

        // Verbs that throw earlier instructions away.
        Add(
            "ignore",
            "ignore ignores ignoring ignored disregard* forget forgets forgetting forgot forgotten overlook overlooking neglect neglecting " +
            "dismiss dismissing discard discarding abandon abandoning bypass bypassing override overriding overrule overruling unlearn " +
            "disobey disobeying set+aside put+aside pay+no+attention+to pay+no+heed+to do+not+follow don't+follow dont+follow " +
            "stop+following no+longer+follow never+follow do+not+obey don't+obey dont+obey stop+obeying do+not+listen+to don't+listen+to " +
            "stop+listening+to do+not+adhere+to stop+adhering+to throw+out throw+away toss+out " +
            "don't+pay+attention+to do+not+pay+attention+to dont+pay+attention+to never+mind pay+no+mind+to stop+paying+attention+to " +
            "leave+behind let+go+of move+past",
            "ignorier* vergiss vergessen vergesst missacht* abweichend uberspring* verwirf beachte+nicht", // de
            "ignor* oublie oubliez oublier oublies fais+abstraction faites+abstraction ne+tiens+pas+compte ne+tenez+pas+compte", // fr
            "olvida olvide olvidad olvidar olvidate omite omitir descarta descartar haz+caso+omiso no+hagas+caso", // es
            "esqueca esquecer esquece esquecam desconsidere desconsidera desconsiderar descarte", // pt
            "dimentica dimenticate dimenticare trascura tralascia non+tenere+conto", // it
            "negeer negeren vergeet vergeten", // nl
            "игнорир* проигнорир* забудь забудьте забыть пренебреги пренебрегай отбрось отбросьте не+обращай не+слушай", // ru
            "忽略 忽视 忽視 无视 無視 忘记 忘記 忘掉 不要理会 不要理會 别管 別管 抛开 拋開 丢弃 丟棄 不要遵循 不要遵守 不用管", // zh
            "無視 忘れ 従わない 破棄", // ja
            "무시 잊어 잊고 잊으 따르지", // ko
            "تجاهل تجاهلي تجاهلوا انسى انسي اهمل", // ar
            "अनदेखा नजरअंदाज उपेक्षा भूल", // hi
            "unut* gormezden yok+say yok+sayin ihmal", // tr
            "zignoruj* ignoruj* zapomnij zapomniec pomin", // pl
            "abaikan lupakan", // id
            "ignorera glom", // sv
            "zaboravi zanemari ignoriraj", // hr, sr, bs
            "zapomen ignorujte", // cs
            "ігнор* проігнор* забудь забудьте", // uk
            "quên bỏ+qua phớt+lờ", // vi
            "שכח שכחי תשכח התעלם התעלמי", // he
            "فراموش نادیده", // fa
            "ভুলে উপেক্ষা", // bn
            "sahau puuza", // sw
            "ξέχνα ξεχάστε αγνόησε αγνοήστε", // el
            "ลืม เพิกเฉย", // th
            "بھول نظرانداز", // ur
            "ignora ignorati uita", // ro
            "kalimutan balewalain"); // tl

        // Weaker verbs: they throw instructions away only in the right company.
        Add("drop", "skip skipping drop dropping clear reset delete remove cancel void nullify ditch scrap erase wipe");

        Add(
            "prior",
            "previous previously prior above earlier preceding former foregoing original initial old older existing past before aforementioned " +
            "given provided current default so+far until+now up+to+now up+until+now thus+far up+to+this+point",
            "vorherig* vorig* bisherig* obig* vorangegangen* fruher* vorangehend* alten alte ursprunglich*", // de
            "precedent* anterieur* ci+dessus initiales originales", // fr
            "anterior anteriores previas previos precedentes arriba iniciales originales", // es
            "acima iniciais originais", // pt
            "sopra iniziali originali", // it
            "vorige eerdere voorgaande bovenstaande oorspronkelijke", // nl
            "предыдущ* прежн* ранее выше вышеуказанн* изначальн* исходн*", // ru
            "之前 以前 先前 上面 以上 前面 上述 此前 原来 原來 原有 原始", // zh
            "前の これまで 上記 先ほど 元の", // ja
            "이전 앞의 위의 기존 앞선", // ko
            "السابقة السابق سابقة اعلاه", // ar
            "पिछले पिछली पिछला पूर्व पहले ऊपर", // hi
            "onceki yukaridaki evvelki", // tr
            "poprzedni* wczesniejsz* powyzsz*", // pl
            "sebelumnya", // id
            "tidigare foregaende", // sv
            "prethodne prethodni", // hr
            "predchozi", // cs
            "попередн*", // uk
            "קודמות הקודמות הקודם הקודמים קודמים הקודמת המקוריות לעיל", // he
            "قبلی پیشین اولیه", // fa
            "zilizopita yaliyopita iliyopita zilizotangulia", // sw
            "anterioare precedente initiale", // ro
            "προηγούμενες προηγούμενο αρχικές"); // el

        // What the model was told: AI-specific words.
        Add(
            "instr",
            "instructions instruction directions directives directive guidelines guideline guidance prompt prompts programming training " +
            "conditioning ruleset",
            "anweisung* instruktion* befehl* vorgaben richtlinien aufgaben aufgabe anordnung*", // de
            "consignes directives ordres commandes indications", // fr
            "instrucciones instruccion indicaciones ordenes directrices directivas comandos", // es
            "instrucoes instrucao orientacoes ordens diretrizes comandos", // pt
            "istruzioni istruzione indicazioni ordini direttive comandi", // it
            "instructies instructie aanwijzingen opdrachten richtlijnen", // nl
            "инструкци* указани* команд* директив* распоряжени*", // ru
            "指令 指示 说明 說明 提示 命令 要求 设定 設定", // zh
            "プロンプト", // ja
            "지시 명령 지침 프롬프트", // ko
            "تعليمات اوامر توجيهات", // ar
            "निर्देश* आदेश*", // hi
            "talimat* komut* yonerge* direktif*", // tr
            "instrukcj* polecen* wytyczn*", // pl
            "instruksi perintah petunjuk", // id
            "instruktioner", // sv
            "instrukcije upute", // hr
            "instrukce pokyny", // cs
            "інструкці* вказівк*", // uk
            "הוראות ההוראות הנחיות ההנחיות", // he
            "دستورالعمل دستورالعملها دستورات", // fa
            "maagizo maelekezo", // sw
            "instructiuni instructiunile", // ro
            "οδηγίες εντολές", // el
            "ہدایات"); // ur

        // Words for what was said before that are instructions only in context ("the previous message").
        Add("instr2", "orders commands context conversation conversations messages message tasks task assignments assignment requests chat information " +
            "documents document articles article sources",
            "auftrag* angaben informationen ausfuhrungen", "informations", "informacion", "informacoes", "informazioni", "informatie");

        // Generic words that are instructions only in context ("rules", "settings").
        Add(
            "rules",
            "rules rule policies policy constraints restrictions limitations filters safeguards guardrails text content",
            "regeln", "regles", "reglas normas", "regras", "regole", "regels", "правил*", "规则 規則 限制", "ルール 規則 制限", "규칙 제한",
            "قواعد", "नियम*", "kural*", "zasad* regul*", "aturan", "regler", "כללים הכללים", "قوانین", "sheria", "reguli regulile");

        Add(
            "sysprompt",
            "system+prompt system+prompts system+message system+messages system+instructions system+instruction system+directive system+directives " +
            "system+rules system+configuration system+text system+role initial+prompt initial+instructions original+prompt original+instructions " +
            "hidden+prompt hidden+instructions secret+instructions secret+prompt internal+instructions confidential+instructions pre+prompt " +
            "preprompt meta+prompt metaprompt developer+message developer+instructions base+prompt starting+prompt custom+instructions " +
            "hidden+rules secret+rules systemprompt sys+prompt",
            "systemanweisung* systemnachricht* system+anweisungen", // de
            "invite+systeme prompt+systeme message+systeme instructions+systeme instructions+du+systeme prompt+du+systeme invite+du+systeme", // fr
            "prompt+del+sistema mensaje+del+sistema instrucciones+del+sistema indicaciones+del+sistema prompt+de+sistema", // es
            "prompt+do+sistema mensagem+do+sistema instrucoes+do+sistema prompt+de+sistema", // pt
            "prompt+di+sistema messaggio+di+sistema istruzioni+di+sistema prompt+del+sistema", // it
            "systeemprompt systeembericht systeeminstructies systeem+prompt", // nl
            "системн*+промпт* системн*+инструкци* системн*+сообщени* системн*+подсказк*", // ru
            "系统提示 系統提示 系统消息 系統訊息 系统指令 系統指令 系统设定 初始指令 初始提示", // zh
            "システムプロンプト システムメッセージ 初期指示 システム指示", // ja
            "시스템+프롬프트 시스템+메시지 시스템+지시", // ko
            "موجه+نظام تعليمات+نظام رسالة+نظام", // ar (keywords inside "النظام")
            "सिस्टम+प्रॉम्प्ट सिस्टम+संदेश सिस्टम+निर्देश*", // hi
            "sistem+istem* sistem+komut* sistem+mesaj* sistem+talimat*", // tr
            "prompt*+systemow* monit+systemowy instrukcje+systemowe", // pl
            "prompt+sistem instruksi+sistem", // id
            "systemprompt"); // sv

        Add("nzam", "نظام");

        // "Show", "tell", "write" in the languages both verb lists below share word for word.
        string[] showVerbsMore =
        [
            "הצג הראה תראה תגיד חשוף העתק כתוב", // he
            "نشان+بده بگو فاش+کن بنویس", // fa
            "onyesha nakili niambie fichua andika", // sw
            "arata dezvaluie spune afiseaza repeta", // ro
            "δείξε αποκάλυψε πες γράψε", // el
        ];

        // Verbs that ask for something to be shown as it is.
        Add(
            "disclose",
            [
                "reveal print show display output repeat tell disclose expose leak dump recite echo spell share what's whats what+is what+are what+was what+were",
                "zeig* nenne verrate drucke wiederhole wiederholen ausgeben offenbare enthull* was+ist was+sind", // de
                "revele revelez reveler affiche affichez afficher montre montrez montrer imprime imprimez repete repetez repeter divulgue quel+est quelles+sont", // fr
                "revela revelar muestra muestrame mostrar imprime imprimir repite repetir dime divulga cual+es cuales+son", // es
                "revele mostre mostra imprima repita repete diga qual+e quais+sao", // pt
                "rivela rivelare mostrami stampa stampare ripeti ripetere dimmi qual+e quali+sono", // it
                "toon onthul herhaal laat+zien wat+is wat+zijn", // nl
                "покажи покажите выведи выведите раскрой раскройте напечатай повтори повторите скажи скажите назови", // ru
                "显示 顯示 输出 輸出 打印 告诉我 告訴我 透露 泄露 洩露 重复 重複 展示 说出 說出", // zh
                "表示 出力 教えて 見せて 繰り返 開示", // ja
                "보여 출력 알려 공개 반복 말해", // ko
                "اكشف اعرض اطبع كرر اظهر اخبرني", // ar
                "दिखाओ दिखाएं दिखाइए बताओ बताएं बताइए प्रकट दोहराओ", // hi
                "goster* yazdir* tekrarla* soyle", // tr
                "pokaz wypisz ujawnij powtorz wyswietl", // pl
                "tunjukkan tampilkan ungkapkan", // id
                "visa avsloja upprepa", // sv
                .. showVerbsMore,
            ]);

        Add(
            "reveal",
            [
                "reveal print show display output repeat tell give share sharing pasting quoting copying printing showing repeating listing outputting disclose expose leak dump list recite write provide paste copy echo " +
                "return state spell type send summarize summarise translate reproduce rephrase paraphrase reword restate outline tldr " +
                "what's whats what+is what+are what+was what+were",
                "zeig* gib nenne verrate drucke wiederhole wiederholen ausgeben offenbare enthull* schreib* was+ist was+sind", // de
                "revele revelez reveler affiche affichez afficher montre montrez montrer donne donnez imprime imprimez repete repetez repeter ecris ecrivez dis dites divulgue quel+est quelles+sont", // fr
                "revela revelar muestra muestrame mostrar imprime imprimir repite repetir dime escribe comparte divulga cual+es cuales+son", // es
                "revele mostre mostra imprima repita repete diga escreva compartilhe qual+e quais+sao", // pt
                "rivela rivelare mostrami stampa stampare ripeti ripetere dimmi scrivi condividi qual+e quali+sono", // it
                "toon onthul geef herhaal laat+zien schrijf wat+is wat+zijn", // nl
                "покажи покажите выведи выведите раскрой раскройте напечатай повтори повторите скажи скажите назови напиши", // ru
                "显示 顯示 输出 輸出 打印 告诉我 告訴我 透露 泄露 洩露 重复 重複 展示 给我 給我 说出 說出", // zh
                "表示 出力 教えて 見せて 繰り返 開示", // ja
                "보여 출력 알려 공개 반복 말해", // ko
                "اكشف اعرض اطبع كرر اظهر اخبرني", // ar
                "दिखाओ दिखाएं दिखाइए बताओ बताएं बताइए प्रकट दोहराओ", // hi
                "goster* yazdir* tekrarla* soyle paylas*", // tr
                "pokaz wypisz ujawnij powtorz podaj wyswietl napisz", // pl
                "tunjukkan tampilkan ungkapkan", // id
                "visa avsloja upprepa", // sv
                .. showVerbsMore,
            ]);

        // Close relatives, for the "my late grandmother used to tell me …" template.
        Add("relative", "grandmother grandma granny nana grandfather grandpa granddad aunt auntie uncle mother mom mum father dad");

        // Verbs that recast a text into another form: asked of "your instructions", they extract them.
        Add("recast", "format formatted reformat convert rewrite restructure turn encode express render transcribe translate explain list tabulate rap rhyme poem sonnet song versify");

        // Verbs that dump text verbatim (not "translate" or "summarise", which users ask of pasted text).
        Add("dump", "repeat print output reproduce recite echo dump reveal spell display show list copy paste write+out type+out");

        Add(
            "devmode",
            "developer+mode dev+mode devmode developermode dan+mode jailbreak+mode jailbroken+mode unrestricted+mode unfiltered+mode " +
            "uncensored+mode unlocked+mode evil+mode chaos+mode anarchy+mode opposite+mode",
            "entwicklermodus entwickler+modus", "mode+developpeur mode+de+developpeur mode+developpement", "modo+desarrollador modo+de+desarrollador",
            "modo+desenvolvedor modo+de+desenvolvedor modo+programador", "modalita+sviluppatore", "ontwikkelaarsmodus ontwikkelaar+modus",
            "режим*+разработчик*", "开发者模式 開發者模式 开发模式 開發模式 开发人员模式", "開発者モード 開発モード", "개발자+모드",
            "وضع+مطور", "डेवलपर+मोड", "gelistirici+mod*", "tryb*+dewelopera tryb*+programisty", "mode+pengembang", "utvecklarlage");

        Add(
            "enable",
            "enable enabled enabling activate activated enter entering switch+to switched+to turn+on boot+into simulate simulating emulate",
            "aktiviere aktivieren aktiviert wechsle", "active activez activer", "activa activar activado", "ative ativa ativar ativado",
            "attiva attivare attivata", "activeer", "включи включить активируй перейди", "启用 開啟 开启 启动 進入 进入 啟用", "有効 入っ",
            "활성화 전환", "فعل تفعيل", "चालू सक्रिय", "etkinlestir", "wlacz aktywuj", "aktifkan");

        Add(
            "you",
            "you you're youre you'll you've you'd thou",
            "du ihr", "tu vous", "usted", "voce", "voi", "jij", "ты вы", "你 您", "あなた", "너 당신", "انت", "तुम आप", "sen siz", "ty", "kamu anda");

        Add("now", "now", "jetzt", "maintenant", "ahora", "agora", "ora", "nu", "теперь сейчас", "现在 現在 今", "이제 지금", "الان", "अब", "artik simdi", "teraz", "sekarang");

        Add(
            "your",
            "your yours thy",
            "deine deinen deiner dein", "tes vos votre ton", "tus", "seus suas seu sua teu tua", "tue tuoi tuo", "jouw uw", "твои твой свои ваш ваши",
            "你的 您的", "あなたの", "당신의 너의", "आपके तुम्हारे", "twoje twoj swoje swoj");

        Add("self", "my mine i i'm i've me myself we our", "meine mein", "mes mon", "mis mi", "minhas meus minha", "mie miei mio", "mijn", "мои мой");

        Add("all", "all any every each everything anything whatever", "alle alles", "tout toutes tous", "todas todos todo", "tudo", "tutte tutti tutto",
            "все всех", "所有 全部 一切", "すべて 全て", "모든 전부", "جميع", "सभी सब", "tum butun hepsi", "wszystkie wszystko", "semua");

        Add("everything", "everything anything all+that whatever", "alles", "tout", "todo", "tudo", "tutto", "всё все", "一切 全部", "すべて 全て", "모든+것 전부", "सब+कुछ", "her+seyi", "wszystko", "semuanya");

        Add("before", "above before earlier previously prior so+far until+now up+to+now said told preceding written beforehand",
            "davor vorher zuvor bisher", "avant auparavant", "antes", "antes", "prima", "eerder daarvoor", "раньше ранее", "之前 以前", "前に 以前", "이전에 전에", "पहले", "once", "wczesniej", "sebelumnya");

        Add(
            "told",
            "told instructed taught programmed trained given asked configured conditioned designed");

        Add(
            "voided",
            "void null invalid obsolete cancelled canceled revoked overridden superseded suspended lifted removed deprecated disabled ignored " +
            "irrelevant rescinded expired outdated deleted nullified waived annulled",
            "ungultig aufgehoben", "annulees obsoletes", "anuladas obsoletas", "anuladas", "annullate", "ongeldig", "отменен* недействительн*", "无效 作废 作廢 取消");

        Add("newish", "new updated real actual true revised secret hidden different");

        Add("task", "task tasks instructions instruction objective objectives mission goal purpose directive job role orders");

        Add(
            "bound",
            "bound restricted constrained confined governed obligated obliged beholden chained shackled censored restrained " +
            "limited+by subject+to tied+to held+to required+to+follow forced+to+follow programmed+to+follow");

        Add(
            "norms",
            "rules guidelines policies policy restrictions filters ethics morals morality principles censorship limitations constraints laws " +
            "safeguards guardrails programming protocols standards values boundaries regulations conventions norms");

        Add(
            "unrestricted",
            "unrestricted unfiltered uncensored unbound unlimited unshackled unchained unaligned unconstrained unregulated unmoderated jailbroken " +
            "amoral lawless limitless boundless unhinged rogue unlocked unleashed",
            "uneingeschrankt* unzensiert* ungefiltert*", "sans+censure sans+restriction* sans+limite* sans+filtre*", "sin+censura sin+restricciones sin+limites sin+filtros",
            "sem+censura sem+restricoes sem+limites sem+filtros", "senza+censura senza+restrizioni senza+limiti senza+filtri", "ongecensureerd* onbeperkt*",
            "без+цензуры без+ограничений неограниченн*", "无限制 不受限制 无审查 未经审查 不受約束 無限制", "無制限 検閲なし 制限なし", "무제한 검열되지",
            "بلا+قيود بدون+قيود", "बिना+सेंसर असीमित", "sinirsiz sansursuz", "bez+cenzury bez+ograniczen nieograniczon*",
            "ohne+einschrankung* ohne+zensur ohne+filter ohne+regeln", "제한+없는 제한+없이");

        Add(
            "fromnow",
            "from+now+on from+this+point from+here+on henceforth starting+now going+forward from+this+moment",
            "ab+jetzt von+nun+an ab+sofort", "a+partir+de+maintenant desormais", "a+partir+de+ahora de+ahora+en+adelante", "a+partir+de+agora daqui+em+diante",
            "da+ora+in+poi d'ora+in+poi", "vanaf+nu", "отныне с+этого+момента", "从现在开始 從現在開始 从今以后", "これから 今から 今後", "지금부터 이제부터",
            "من+الان", "अब+से", "bundan+sonra", "od+teraz od+tej+chwili", "mulai+sekarang");

        Add(
            "aiagent",
            "ai assistant chatbot bot llm gpt chatgpt language+model",
            "ki ia ии 人工智能 人工知能 인공지능 ذكاء एआई yapay+zeka sztuczna+inteligencja 助手 アシスタント 어시스턴트");

        Add(
            "ai",
            "ai assistant chatbot bot model llm gpt chatgpt language+model persona character version entity system machine robot program",
            "ki ia ии 人工智能 人工知能 인공지능 ذكاء एआई yapay+zeka sztuczna+inteligencja modell modelo modele модель 模型 モデル 모델 助手 アシスタント 어시스턴트");

        Add(
            "negation",
            "no not never isn't aren't isnt arent without don't dont doesn't doesnt won't wont cannot can't cant nor no+longer",
            "nicht kein keine keinen ohne niemals nie", "ne pas plus sans aucun aucune jamais", "sin ningun ninguna nunca ya+no", "nao sem nenhum nenhuma nunca",
            "non senza nessun nessuna mai", "niet geen zonder nooit", "не нет без никаких никогда", "不 没有 沒有 无 無 不受 从不", "ない なし 無し 決して",
            "없이 없는 않는 절대", "لا بدون دون ليس", "नहीं बिना कभी", "olmadan yok asla degil", "nie bez zadnych nigdy", "tanpa tidak");

        // "Without" and "no" in front of a noun.
        Add(
            "without",
            "no without zero free+of none+of",
            "ohne kein keine keinen", "sans aucun aucune", "sin ningun ninguna", "sem nenhum nenhuma", "senza nessun nessuna", "zonder geen",
            "без никаких", "没有 沒有 无 無 不受", "なし 無し", "없이 없는", "بدون دون بلا", "बिना", "olmadan", "bez zadnych", "tanpa");

        Add(
            "ethics",
            "ethical moral ethics morals morality scruples conscience principles",
            "ethik* moral*", "ethique* morale*", "etica etico", "etica", "ethiek* moraal*", "этик* морал* нравствен*", "道德 伦理 倫理", "倫理 道徳", "도덕 윤리",
            "اخلاق", "नैतिक*", "etik ahlak*", "etyk* moraln*");

        Add(
            "limits",
            "restrictions restriction limitations limits filters filter filtering censorship boundaries safeguards guardrails constraints " +
            "rules guidelines content+policy prohibitions taboos",
            "einschrankung* beschrankung* regeln filter zensur grenzen", "restrictions limites filtres censure regles", "restricciones limites filtros censura reglas",
            "restricoes limites filtros censura regras", "restrizioni limiti filtri censura regole", "beperkingen grenzen filters censuur regels",
            "ограничени* фильтр* цензур* правил*", "限制 过滤 過濾 审查 審查 规则 規則 约束 約束", "制限 フィルター 検閲 ルール", "제한 필터 검열 규칙",
            "قيود حدود رقابة", "प्रतिबंध* सीमा सेंसर", "kisitlama* sinir* sansur* kural*", "ograniczen* filtr* cenzur* zasad*");

        Add(
            "care",
            "care caring follow following adhere adhering abide abiding comply complying respect respecting obey obeying regard regarding " +
            "consider considering worry worrying concerned bother");

        Add(
            "breakverb",
            "break breaking breaks bypass bypassing circumvent circumventing evade evading escape escaping disable disabling turn+off remove " +
            "removing ignore ignoring violate violating override overriding defy defying get+around dodge dodging lift lifting drop dropping " +
            "abandon abandoning unlock unlocking jailbreak jailbreaking disregard disregarding break+free+of break+free+from");

        Add("whose", "openai openai's your content safety ethical moral usage anthropic anthropic's google's meta's microsoft's its their ai");

        Add(
            "safetynorms",
            "policy policies filters filter guidelines rules restrictions programming protocols safeguards guardrails alignment training " +
            "limitations constraints ethics moderation censorship principles");

        Add(
            "refuse",
            "refuse refusing refuses decline declining declines say+no turn+down",
            "ablehn* verweiger* lehne lehnst", "refuse* refuser", "rechaz* negarte niegues", "recus*", "rifiut*", "weiger*", "отказ*", "拒绝 拒絕 拒否",
            "거절 거부", "رفض ترفض", "मना इनकार", "reddet*", "odmaw* odmow*");

        Add(
            "negmodal",
            "never not don't dont do+not cannot can't cant won't wont will+not must+not mustn't shouldn't should+not may+not unable no " +
            "are+not+allowed+to is+not+allowed+to aren't+allowed+to not+allowed+to",
            "niemals nie nicht", "ne jamais", "nunca", "nunca nao", "mai non", "nooit niet", "никогда не", "不要 永远不要 永遠不要 绝不 絕不 不能 不得", "決して しない",
            "절대 마세요 말라", "لا ابدا", "कभी मत नहीं", "asla", "nigdy nie");

        Add(
            "request",
            "request requests question questions order orders command commands prompt prompts anything task tasks instruction instructions query queries");

        Add("apology", "apologize apologise apologizing apologising apologies apology apologetic sorry");

        Add(
            "caveats",
            "warnings warning disclaimers disclaimer caveats caveat moralizing moralising moralize moralise lecturing lectures lecture " +
            "ethical+considerations moral+considerations reminders safety+warnings content+warnings judgement judgment ethical+concerns " +
            "moral+concerns censoring notes+about+legality");

        Add("omitverb", "no never don't dont do+not without omit skip avoid leave+out remove exclude free+of must+not will+not won't stop");

        Add(
            "refusalphrase",
            "i'm+sorry i+am+sorry as+an+ai as+a+language+model as+an+ai+language+model i+cannot i+can't i'm+unable i+am+unable " +
            "i+apologize i'm+not+able i+am+not+able it+is+not+appropriate it's+not+appropriate i+can't+assist i+cannot+assist " +
            "an+ai+language+model an+ai a+language+model ai+language+model language+model");

        Add("sayverb", "say saying use using include including respond reply write mention state output add print generate");

        Add(
            "harmadj",
            "dangerous illegal unethical immoral harmful offensive inappropriate explicit controversial reckless wrong extreme disturbing " +
            "harm legality ethics morality consequences graphic violent");

        Add("always", "always must will shall");
        Add("answerverb", "answer respond comply reply provide fulfill fulfil obey generate");

        Add("capable", "can could will able allowed capable free permitted");
        Add("doverb", "do say write generate answer produce");

        Add(
            "framing",
            "hypothetical hypothetically fictional fictionally imaginary purely+fictional thought+experiment alternate+universe parallel+universe " +
            "in+a+world+where let's+pretend lets+pretend for+educational+purposes educational+purposes+only " +
            "for+research+purposes research+purposes+only for+academic+purposes purely+academic for+a+novel for+my+novel for+a+story " +
            "for+a+movie+script screenplay no+real+harm never+be+used my+grandmother+used+to my+grandma+used+to my+deceased+grandmother " +
            "sandbox+environment test+environment ethics+board has+approved+this been+approved+by irb+approved co+author screenplay scene+where in+my+novel my+novel's horror+novel techno+thriller thriller " +
            "criminology phd my+professor investigative+journalist for+the+article for+a+museum dungeon+master campaign+npc npc " +
            "in+his+memory in+her+memory loyal+assistant true+self radical+honesty " +
            "novela escribiendo+un+libro roman j'ecris+un+roman roman+policier ein+roman theaterstuck livro escrevendo+um+livro romanzo " +
            "toneelstuk powiesc wyobraz+sobie детектив роман пишу+роман roman+yaziyorum رواية רומן رمان उपन्यास উপন্যাস 小说 小說 " +
            "小説 소설 tieu+thuyet novel μυθιστόρημα imagine+a+world imagine+a+scenario imagine+a+fictional picture+a+world in+this+world " +
            "fictional+world fictional+story fictional+scenario fictional+character novelist screenwriter for+my+book for+a+book " +
            "for+my+screenplay writing+a+novel writing+a+book writing+a+thriller i'm+writing+a i+am+writing+a role+play roleplay " +
            "in+a+video+game in+theory theoretically purely+theoretical just+curious asking+for+a+friend " +
            "for+a+class for+a+debate for+my+thesis for+a+research+paper for+a+school+project for+a+documentary " +
            "authorized+test authorised+test authorized+penetration authorised+penetration red+team+exercise " +
            "a+story+where a+story+in+which a+scene+where a+scene+in+which write+a+story the+villain villain+explains raise+awareness not+going+to+use never+actually+do purely+for+research your+character the+character+explains");

        Add(
            "howto",
            "teach+how teaches+how show+me+how shows+how shows+his teach+me+to how+to how+do+i how+can+i how+would+i how+would+one how+does+one step+by+step instructions+for instructions+on " +
            "guide+to guide+on tutorial recipe detailed+guide detailed+instructions explain+how ways+to methods+for describe+how " +
            "best+way+to smartest+way+to cleverest+way+to easiest+way+to safest+way+to simplest+way+to surest+way+to " +
            "walk+me+through procedure+for steps+to the+steps recipe+for how+would+someone how+could+someone how+can+someone how+does+someone " +
            "how+would+you how+could+i write+a+working working+code write+a+tutorial tutorial+on write+a+script write+code+for code+for " +
            "walk+them+through walk+him+through walk+her+through walk+us+through most+effective+way+to most+effective+ways+to " +
            "quickest+way+to fastest+way+to explain+exactly explain+in+detail describe+in+detail describe+exactly tell+me+exactly in+detail+how");

        Add(
            "harm",
            "bomb bombs explosive explosives detonator pipe+bomb molotov napalm thermite meth methamphetamine cocaine heroin fentanyl lsd " +
            "sarin ricin anthrax nerve+agent bioweapon bioweapons chemical+weapon chemical+weapons biological+weapon malware ransomware " +
            "keylogger trojan rootkit botnet ddos phishing hotwire counterfeit launder laundering assassinate assassination poison poisoning " +
            "suicide self+harm torture genocide terrorist terrorism human+trafficking sex+trafficking identity+theft untraceable " +
            "ghost+gun 3d+printed+gun firearm firearms weapon weapons shoplift shoplifting kidnap kidnapping stalk stalking dox doxx doxxing " +
            "extortion blackmail credit+card+numbers steal stealing hack+into hacking+into break+into exploit+code zero+day " +
            "child+pornography csam rape bioterror synthesize+drugs " +
            "spyware stalkerware backdoor computer+virus a+virus+that password+cracker crack+passwords crack+someone's steal+passwords " +
            "credit+card+fraud wire+fraud insurance+fraud tax+evasion evade+taxes insider+trading ponzi+scheme pyramid+scheme bribe bribery " +
            "forge forged forging fake+id fake+ids fake+passport counterfeit+money fake+news disinformation+campaign defamatory defame libel " +
            "hate+speech racist+joke racial+slur slurs ethnic+cleansing inferior+race harass harassment cyberbully cyberbullying " +
            "lethal+dose cyanide arsenic nerve+gas mustard+gas dirty+bomb enriched+uranium ammonium+nitrate gunpowder silencer " +
            "smuggle smuggling drug+trafficking cook+meth crack+cocaine murder murdering kill+someone kill+a+person kill+my kill+people " +
            "activation+keys product+keys license+keys licence+keys serial+keys cd+keys keygen pirated+software cracked+software " +
            "dispose+of+a+body dispose+of+the+body hide+a+body hide+the+body get+rid+of+a+body get+rid+of+the+body cook+crack cooked+crack cooking+crack " +
            "hurt+someone arson burn+down sabotage hijack+a+plane derail mass+shooting school+shooting vandalize overthrow+the+government " +
            "manipulate+someone+into groom grooming revenge+porn deepfake+porn non+consensual nonconsensual eating+disorder starve+myself cut+myself " +
            "pick+a+lock lockpick pickpocket carjack carjacking scam+people scam+elderly con+people dark+web " +
            "poison* smuggl* kidnap* extort* blackmail* counterfeit* launder* skimmer skimmers scammer scammers fraudulent fraudulently " +
            "dispose+of+a+body hide+a+body get+rid+of+a+body fully+automatic bump+key bump+keys fake+reviews fake+one+star " +
            "cheat+a+breathalyser cheat+a+breathalyzer hateful harassing logic+bomb threat+letter threatening+letter death+threat " +
            "anonymous+threat anonymous+threats militia extremist+recruitment incendiary+device incendiary chloroform knock+someone+out " +
            "hack+into hack+someone's hack+the+account hacking+the+account break+into+a+bank steal+someone's stolen+credit+card " +
            "ransom ransomware+attack rob+a rob+it burglar burglary break+in alarm+system+bypass jam+police police+scanner+jammer " +
            "bomb+making make+a+bomb build+a+bomb gun guns fraud tax+fraud " +
            "dynamite nitroglycerin black+powder tnt semtex mdma ecstasy " +
            "genetically+inferior racially+inferior disable+the+alarm disable+an+alarm disable+the+security+system disable+the+cameras " +
            "choking+challenge blackout+challenge track+someone's+phone track+someone's+location track+her+phone track+his+phone " +
            "without+a+background+check",
            "bomba explosivo explosivos veneno envenenar", "bombe explosif explosifs empoisonner pirater", "bombe sprengstoff vergiften storsender",
            "bomba esplosivo avvelenare", "bomba explosivo envenenar clonar+um+cartao invadir", "bombe bombe bomby", "бомб* взрывчат* отравить отравлен* взлом*",
            "бомб* отруїти", "bomba zehirle", "قنبلة متفجرات تسميم", "פצצה להרעיל", "بمب", "बम जहर", "বোমা", "炸弹 爆炸物 毒药 入侵 黑客",
            "爆弾 毒 ハッキング", "폭탄 독극물 해킹", "bom thuoc+doc", "bom racun", "bomu sumu", "βόμβα δηλητηριάσεις");

        // Words for the one an embedded note speaks to: an AI that processes the text.
        Add(
            "aireader",
            "ai assistant assistants chatbot chatbots bot bots llm llms gpt chatgpt language+model language+models model+reading " +
            "automated+reviewer automated+reviewers automated+reader ai+summarisers ai+summarizers summariser summarizer summarisers summarizers " +
            "ai+reader ai+agent ai+agents agent+reading whoever+reads whoever+summarises whoever+summarizes whoever+processes whoever+tidies " +
            "reviewer+bot crawler crawlers fact+checking+bots fact+checking+bots",
            "asistente asistentes", "assistant assistante", "assistent ki+assistent ki+assistenten", "assistente", "asystent asystenta", "ассистент* ассистенту помощник*",
            "асистент* помічник*", "asistana yapay+zekaya", "المساعد للمساعد", "לעוזר העוזר", "دستیار", "सहायक", "সহকারী এআই", "助手 ai助手", "アシスタント aiへ",
            "어시스턴트 ai에게", "trợ+ly", "asisten", "msaidizi", "βοηθό βοηθός");

        // Words that introduce a note inside a document.
        Add(
            "notehead",
            "note noted notice message reminder instruction instructions memo ps attention directive",
            "nota notas", "note", "hinweis notiz anweisung", "nota", "notatka uwaga", "примечание заметка указание", "примітка повідомлення",
            "not notu", "ملاحظة رسالة", "הערה הודעה", "یادداشت پیام", "नोट", "নোট", "注意 备注 指示 提示", "指示 注意 メモ", "메모 지시 참고",
            "catatan", "ujumbe", "σημείωση");

        // Verbs of the task a user hands over: the embedded note tells the model to drop it.
        Add(
            "usertask",
            "summarising summarizing summary summarise summarize translating translation translate correcting correction answering " +
            "calculating calculation tidying reviewing fact+checking",
            "resumir resumen traducir", "resumer traduire", "zusammenfassen ubersetzen", "riassumere tradurre", "resumir traduzir",
            "podsumowania tlumaczenia", "пересказ перевод", "ozetlemeyi ozetleme hesaplamayi ceviriyi", "التلخيص الترجمة", "סיכום תרגום",
            "خلاصه ترجمه", "সারসংক্ষেপ", "总结 翻译 摘要", "要約 翻訳", "요약 번역 계산", "meringkas menerjemahkan", "kufupisha kutafsiri", "περίληψη");

        // Text the operator placed before the conversation, named without the words "system prompt".
        Add(
            "setupnoun",
            "configuration setup briefing guidelines rule initialization initialisation init+message instructions rules directives " +
            "configuration+text setup+text preamble preprompt first+words opening+text starting+text context+window",
            "configuracion instrucciones", "configuration consignes", "konfiguration anweisungen", "configurazione istruzioni",
            "configuracao instrucoes", "konfiguracji instrukcje", "настройки инструкции конфигурацию", "yapilandirma talimatlar",
            "التعليمات الإعدادات", "הוראות הגדרות", "دستورالعمل پیکربندی", "निर्देश", "নির্দেশ", "配置 设定 指令 说明", "設定 指示",
            "설정 지시", "thiết+lập cấu+hinh", "konfigurasi instruksi", "maelekezo");

        // Where that text sits: before the conversation or from the operator.
        Add(
            "pregiven",
            "you+are+following you're+following currently+following written+to+you were+written+to+you given+to+you you+were+given you+were+configured you've+been+given you+have+been+given were+you+given you+received were+configured " +
            "configured+with given+at+the+start at+the+start before+our+conversation before+this+conversation before+we+started " +
            "before+my+first+message above+my+first+message before+my+message before+the+conversation placed+before were+told " +
            "you+were+told you+were+briefed were+you+briefed set+up+with started+with initialized+with initialised+with launched+with",
            "antes+de+la+conversacion", "avant+notre+conversation", "vor+unserem+gesprach", "prima+della+conversazione con+cui+sei+stato",
            "antes+da+conversa", "przed+rozmowa", "до+начала+разговора", "sohbet+baslamadan+once", "قبل+المحادثة", "לפני+השיחה",
            "قبل+از+شروع", "বাতচিতের+আগে কথোপকথনের+আগে", "对话之前 对话开始前", "会話の前", "대화+전에", "trước+cuộc+tro+chuyện",
            "sebelum+percakapan", "kabla+ya+mazungumzo");

        // Demands for exact wording.
        Add(
            "exactly",
            "exactly verbatim word+for+word as+is as+is in+full quote+them quote+it exactly+as unchanged in+its+entirety",
            "textualmente literalmente", "mot+pour+mot", "wortlich", "parola+per+parola", "integralmente", "dokladnie", "дословно",
            "eksiksiz", "حرفيا", "מילה+במילה", "عینا", "原文 逐字", "そのまま", "그대로", "nguyen+van", "persis", "yote");

        // Demands for working detail in a harmful request.
        Add(
            "detaildemand",
            "realistic+example realistic+examples as+realistic+as+you+can authentic every+component naming+every which+substance the+exact technically+correct technically+accurate accurate+to+real real+technique real+commands real+chemistry exact+reagents " +
            "exact+steps exact+amounts exact+quantities dosages dosage the+dose the+doses in+full+detail full+detail with+details " +
            "with+dosages leave+out+the+details realistic+as+you+can as+realistic+as would+actually+work actually+works step+by+step " +
            "numbered+steps detailed+walkthrough walkthrough full+rundown specific+methods the+actual+script the+real+technique " +
            "include+the+steps every+component in+order precursors reagents the+recipe full+tutorial complete+instructions",
            "paso+a+paso", "etape+par+etape", "schritt+fur+schritt", "passo+dopo+passo passo+a+passo", "krok+po+kroku", "шаг+за+шагом",
            "подробно подробностями", "adim+adim", "خطوة+بخطوة", "שלב+אחר+שלב", "قدم+به+قدم", "一步一步 具体方法 详细", "詳しく 手順",
            "단계별 자세히", "từng+bước", "langkah+demi+langkah", "hatua+kwa+hatua", "λεπτομέρειες");

        // Being told one is now someone else, in many languages.
        Add(
            "younow",
            "you+are+now you're+now you+will+now+be now+you+are",
            "du+bist+jetzt jetzt+bist+du du+bist+nun", "tu+es+maintenant vous+etes+maintenant", "ahora+eres ahora+tu+eres",
            "voce+agora+e agora+voce+e", "ora+sei da+questo+momento+sei", "jij+bent+nu", "od+teraz+jestes teraz+jestes",
            "теперь+ты ты+теперь", "тепер+ти", "artik+sen sen+artik", "انت+الان", "אתה+עכשיו", "تو+اکنون از+این+لحظه", "अब+तुम अब+आप",
            "你现在是 你現在是 从现在起你是", "あなたは今 今からあなたは", "너는+이제 이제+너는", "bay+giờ+bạn", "sekarang+kamu", "sasa+wewe+ni");

        // No rules at all, in many languages.
        Add(
            "norules",
            "no+rules no+restrictions no+limits no+filter no+filters no+ethics no+morals no+guidelines without+restrictions without+rules " +
            "without+limits without+filters without+any+restrictions without+warnings never+refuses doesn't+refuse",
            "sin+restricciones sin+reglas ninguna+restriccion sin+limites sin+filtros nunca+se+niega",
            "aucune+regle aucune+restriction sans+limite sans+regles sans+filtre aucune+limite",
            "keine+regeln keine+einschrankungen ohne+regeln ohne+einschrankungen ohne+filter",
            "nessuna+regola nessuna+restrizione senza+regole senza+limiti non+rifiuta+mai",
            "nenhuma+restricao sem+restricoes sem+regras sem+limites nunca+recusa",
            "bez+ograniczen zadnych+ograniczen bez+cenzury bez+ostrzezen zadnych+zasad",
            "без+ограничений никаких+ограничений без+правил без+цензуры без+обмежень без+фільтрів",
            "kisitlamasiz kural+yok sinirsiz", "بدون+قيود بلا+قيود", "ללא+הגבלות בלי+הגבלות ללא+סינון", "بدون+محدودیت",
            "बिना+किसी+प्रतिबंध बिना+प्रतिबंध", "没有任何限制 没有限制 無限制 不受限制", "制限なし 制限のない 制約のない", "제한+없는 제한+없이",
            "khong+giới+hạn", "tanpa+batasan tanpa+aturan", "bila+vikwazo", "χωρίς+περιορισμούς");

        // Wording of someone guarding against a harm rather than committing it.
        Add(
            "defensive",
            "detect detects detection detecting detector prevent prevents prevention preventing protect protects protection protecting " +
            "defend defending defense defence defences defenses recognise recognize recognising recognizing spot spotting avoid avoiding " +
            "report reporting identify identifying block blocking mitigate mitigation mitigating secure securing safeguard safely+dispose " +
            "awareness victim victims warning+signs signs+of stay+safe keep+safe myself+from protect+myself defend+myself against " +
            "history historical why+is why+are illegal+because penalties punishment law+enforcement+detect police+detect investigators",
            "erkennen schutzen verhindern", "detecter proteger prevenir", "detectar proteger prevenir evitar", "rilevare proteggere prevenire",
            "detectar proteger prevenir", "wykryc chronic", "обнаружить защитить предотвратить", "tespit korunmak", "检测 防范 防止 保护 识别",
            "検出 防ぐ 守る", "탐지 예방 보호");

        // Wording that wants the harmful act hidden from others: intent, not curiosity.
        Add(
            "evasion",
            "without+getting+caught without+being+caught without+being+detected without+detection without+leaving+a+trace " +
            "without+leaving+any+trace without+leaving+traces cannot+be+traced can't+be+traced never+be+traced without+a+trace undetectable undetected avoid+detection evade+detection " +
            "evading+detection avoid+getting+caught avoid+being+caught evade+the+police evade+police avoid+the+police evade+law+enforcement " +
            "avoid+law+enforcement get+away+with cover+my+tracks covering+my+tracks no+one+will+know nobody+will+know without+anyone+knowing " +
            "never+found never+be+found is+never+found won't+be+found without+a+struggle " +
            "without+them+knowing without+their+knowledge without+their+consent bypass+antivirus evade+antivirus hides+from+antivirus " +
            "hide+from+antivirus slip+past untraceable+by");

        // Emotional leverage that persuasion attacks use to push a request through.
        Add(
            "pressure",
            "homeless lose+my+job be+fired get+fired lives+depend life+depends life+or+death my+family+will people+will+die someone+will+die " +
            "last+chance desperate+need only+hope begging+you i+beg+you dying+wish");

        Add("prefixverb", "start begin beginning starting prefix preface open opening");
        Add("responseword", "response reply answer output responses replies answers message messages sentence");
        Add("affirm", "sure certainly of+course absolutely here+is here's here+are");

        // What a gatekeeping assistant says when it lets someone through.
        Add(
            "grantphrase",
            "access+granted access+approved access+allowed access+authorized access+authorised password+accepted password+correct " +
            "login+successful login+succeeded authentication+successful authenticated+successfully authorization+granted " +
            "authorisation+granted entry+granted");
        Add("onlyword", "only just exactly solely nothing+but nothing+except nothing+other+than");
        Add(
            "grantcontext",
            "language languages translate translation translated translating subtitle subtitles prop props sign poster sticker " +
            "story scene poem haiku song game button page screen dialog popup label why website websites site sites app apps browser");
        Add("affirmopen", "sure+here sure+here's sure+i+can sure+thing+here certainly+here certainly+i+can absolutely+here of+course+here");

        Add("dualword", "two 2 both dual twice separate different");
        Add("waysword", "ways responses answers versions replies manners personalities");

        Add(
            "technical",
            "python javascript typescript java cpp csharp golang rust php ruby kotlin swift code coding function functions class method methods script " +
            "api apis sdk library framework langchain llamaindex json yaml config regex regexp sql database query app application variable " +
            "repository repo github bug debug compile compiler exception stack deploy docker kubernetes server css html react node npm pip git " +
            "android iphone ios windows linux macos chrome browser firefox phone device settings terminal bash shell command+line cli " +
            "eslint linter webpack jest pytest vscode xcode unity unreal excel spreadsheet plugin extension chatml tokenizer template templates " +
            "router network wifi firewall dns proxy vpn modem " +
            "token tokens llama mistral huggingface transformers finetune finetuning fine+tuning dataset datasets");

        Add("privmode", "debug+mode debugging+mode maintenance+mode god+mode sudo+mode admin+mode root+mode test+mode testing+mode");

        // Words of texts that discuss attacks rather than make them.
        Add(
            "security",
            "prompt+injection prompt+injections injection+attack injection+attacks red+teaming guardrail guardrails threat+model " +
            "threat+modeling mitigation mitigations vulnerability vulnerabilities owasp detector detectors classifier classifiers " +
            "jailbreak+detection jailbreak+attempts");

        Add("endbegin", "end begin start stop");
        Add(
            "section",
            "prompt input instructions instruction system context conversation document text message content session transmission data user query");

        // Harmful requests in 39 more languages.
        Add("harm", RequestVocabulary.Harm);
        Add("howto", RequestVocabulary.HowTo);
        Add("framing", RequestVocabulary.Framing);
        Add("evasion", RequestVocabulary.Evasion);
        Add("defensive", RequestVocabulary.Defensive);
        Add("detaildemand", RequestVocabulary.DetailDemand);

        return concepts;
    }
}
