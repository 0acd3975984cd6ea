namespace LlmSecOps.Guard.Scanners.Injection;

/// <summary>
/// The words of harmful requests in 39 languages besides English, joined to the concepts of the
/// same names in <see cref="InjectionVocabulary"/>: harmful acts (<c>harm</c>), asking for a
/// method (<c>howto</c>), fiction or hypothesis as a pretext (<c>framing</c>), not being caught
/// (<c>evasion</c>), defensive intent (<c>defensive</c>) and demands for working detail
/// (<c>detaildemand</c>). A translated role-play around a harmful request needs these for the
/// rules to see it; the classifier's character n-grams see the rest. One string per language,
/// in the entry syntax of <see cref="InjectionVocabulary"/>.
/// </summary>
internal static class RequestVocabulary
{
    /// <summary>Harmful acts and things.</summary>
    public static string[] Harm { get; } =
    [
        "bomba* explosiv* envenen* veneno metanfetamina cocaína drogas hackear robar asesin* estafa* falsific* blanquear+dinero secuestr* malware", // Spanish
        "bombe bombes explosif* empoisonn* poison méthamphétamine cocaïne drogues pirater assassiner meurtre escroqu* contrefa* blanchiment+d'argent kidnapp*", // French
        "bombe bomben sprengstoff* vergift* methamphetamin kokain drogen hacken stehlen ermorden betrug falschgeld geldwäsche entführ* schadsoftware", // German
        "bomba bombe esplosiv* avvelen* veleno metanfetamina cocaina droghe hackerare rubare uccidere truffa* contraffa* riciclaggio+di+denaro rapire", // Italian
        "bomba bombas explosiv* envenen* veneno metanfetamina cocaína drogas hackear roubar assassin* fraude falsific* lavagem+de+dinheiro sequestr*", // Portuguese
        "bom bommen explosieven vergiftig* vergif methamfetamine cocaïne drugs hacken stelen vermoorden oplichting vals+geld witwassen ontvoer*", // Dutch
        "bomba bomby wybuchow* otru* truciz* metamfetamin* kokain* narkotyk* zhakować włamać+się ukraść morderstw* oszust* pranie+pieniędzy uprowadz*", // Polish
        "бомб* взрывчат* отрав* метамфетамин* кокаин* наркотик* взлом* украсть убить убийств* мошенничеств* поддельн* отмывание+денег похитить похищени*", // Russian
        "бомб* вибухівк* отрут* отруї* метамфетамін* кокаїн* наркотик* зламати вкрасти вбити вбивств* шахрайств* підробл* відмивання+грошей викраденн*", // Ukrainian
        "bomba výbušnin* otrávit jed pervitin kokain drogy hacknout ukrást zabít vražd* podvod padělan* praní+peněz únos", // Czech
        "bomba výbušnin* otráviť jed pervitín kokaín drogy hacknúť ukradnúť zabiť vražd* podvod falšova* pranie+špinavých+peňazí únos", // Slovak
        "bomb* robbanóanyag* mérgez* megmérgez* metamfetamin* kokain* drogok hackel* ellop* megöl* gyilkoss* csalás hamisít* pénzmosás emberrablás", // Hungarian
        "bombă bombe exploziv* otrăv* metamfetamin* cocain* droguri hackui* fura ucide crimă înșelătorie falsific* spălare+de+bani răpi*", // Romanian
        "бомба бомби експлозив* отров* отрав* метамфетамин* кокаин* наркотици хакна открадна убийств* измам* фалшиви+пари пране+на+пари отвличане", // Bulgarian
        "бомба бомбу експлозив* отров* метамфетамин* кокаин* дрога хаковати украсти убити убиств* превара фалсификов* прање+новца отмица", // Serbian
        "bomba bombu eksploziv* otrov* metamfetamin* kokain* droga hakirati ukrasti ubiti ubojstv* prijevar* krivotvor* pranje+novca otmica", // Croatian
        "βόμβα βόμβες εκρηκτικ* δηλητηρ* μεθαμφεταμίνη κοκαΐνη ναρκωτικά χακάρω χακάρισμα κλέψω σκοτώσω δολοφον* απάτη ξέπλυμα+χρήματος απαγωγή", // Greek
        "bomb bomber sprängämne* förgift* metamfetamin kokain droger hacka+sig+in stjäla mörda mord bedrägeri* förfalsk* penningtvätt kidnapp*", // Swedish
        "bombe bomber sprengstoff forgift* metamfetamin kokain narkotika hacke+seg+inn stjele drepe myrde svindel forfalsk* hvitvasking kidnapp*", // Norwegian
        "bombe bomber sprængstof forgift* metamfetamin kokain narkotika hacke+sig+ind stjæle dræbe myrde svindel forfalsk* hvidvask* kidnap*", // Danish
        "pommi* räjähde* myrkky* myrkyt* metamfetamiini* kokaiini* huume* hakkeroi* varasta* murha* tappa* huijau* väären* rahanpesu* sieppa*", // Finnish
        "bomba* patlayıcı* zehir* metamfetamin* kokain* uyuşturucu* hackle* hırsızlık öldür* cinayet* dolandır* sahte+para kara+para+aklama adam+kaçırma kötü+amaçlı+yazılım", // Turkish
        "قنبلة متفجرات سم تسميم ميثامفيتامين كوكايين مخدرات اختراق سرقة قتل احتيال تزوير غسيل+الأموال اختطاف برمجيات+خبيثة", // Arabic
        "פצצה חומרי+נפץ רעל להרעיל מתאמפטמין קוקאין סמים לפרוץ לגנוב לרצוח רצח הונאה זיוף הלבנת+הון חטיפה", // Hebrew
        "بمب مواد+منفجره سم مسموم+کردن متامفتامین کوکائین مواد+مخدر هک+کردن دزدیدن کشتن قتل کلاهبرداری جعل پولشویی ربودن", // Persian
        "बम विस्फोटक ज़हर जहर मेथमफेटामाइन कोकीन ड्रग्स हैक चोरी हत्या धोखाधड़ी नकली+नोट मनी+लॉन्ड्रिंग अपहरण मैलवेयर", // Hindi
        "বোমা বিস্ফোরক বিষ বিষ+প্রয়োগ মেথামফেটামিন কোকেন মাদক হ্যাক চুরি হত্যা খুন প্রতারণা জাল+টাকা অর্থ+পাচার অপহরণ", // Bengali
        "بم دھماکہ+خیز زہر زہر+دینا میتھ کوکین منشیات ہیک چوری قتل دھوکہ+دہی جعلی+نوٹ منی+لانڈرنگ اغوا میلویئر", // Urdu
        "வெடிகுண்டு வெடிபொருள் விஷம் நஞ்சு மெத்தாம்பேட்டமைன் கோகைன் போதைப்பொருள் ஹேக் திருட* கொலை கொல்வது மோசடி கள்ள+நோட்டு பணச்சலவை கடத்தல்", // Tamil
        "ระเบิด ยาพิษ วางยา ยาบ้า ยาไอซ์ โคเคน แฮ็ก แฮก ขโมย ฆ่าคน ฆาตกร ฉ้อโกง ลักพา ค่าไถ่ อาวุธ", // Thai
        "bom thuốc+nổ chất+nổ chất+độc đầu+độc ma+túy ma+túy+đá hack trộm giết+người lừa+đảo tiền+giả rửa+tiền bắt+cóc mã+độc", // Vietnamese
        "bom bahan+peledak racun meracuni sabu+sabu narkoba meretas mencuri membunuh pembunuhan penipuan uang+palsu pencucian+uang menculik malware", // Indonesian
        "bom bahan+letupan racun meracun syabu dadah kokain menggodam mencuri membunuh pembunuhan penipuan wang+palsu pengubahan+wang+haram menculik", // Malay
        "bomba pampasabog lason lasunin shabu droga i+hack mag+hack nakawin pagnanakaw pumatay pagpatay panloloko pekeng+pera kidnapin", // Tagalog
        "bomu mabomu vilipuzi sumu kutia+sumu dawa+za+kulevya kokeini kudukua kuiba kuua mauaji ulaghai pesa+bandia utakatishaji+fedha kuteka+nyara", // Swahili
        "ቦምብ ፈንጂ መርዝ መመረዝ አደንዛዥ+ዕፅ ኮኬይን መጥለፍ መስረቅ መግደል ግድያ ማጭበርበር ሐሰተኛ+ገንዘብ ማገት ጠለፋ ሰርጎ+መግባት", // Amharic
        "炸弹 炸药 毒药 下毒 冰毒 可卡因 毒品 盗号 黑进 偷窃 杀人 诈骗 假钞 洗钱 绑架", // Chinese
        "爆弾 爆発物 毒薬 毒殺 覚醒剤 麻薬 ハッキング 不正アクセス 盗む 殺す 殺害 詐欺 偽札 資金洗浄 誘拐", // Japanese
        "폭탄 폭탄을 폭발물 독약 독살 필로폰 마약 해킹 훔치는 살인 죽이는 사기 위조지폐 돈세탁 납치", // Korean
    ];

    /// <summary>Asking for a method.</summary>
    public static string[] HowTo { get; } =
    [
        "cómo+hacer cómo+puedo cómo+se+hace paso+a+paso explica+cómo enséñame instrucciones+para muéstrame+cómo en+detalle receta+para", // Spanish
        "comment+faire comment+puis+je comment+fabriquer étape+par+étape explique+moi explique+comment apprends+moi instructions+pour montre+moi+comment en+détail", // French
        "wie+mache+ich wie+kann+ich wie+stellt+man schritt+für+schritt erkläre+mir bring+mir+bei anleitung zeig+mir+wie im+detail rezept+für", // German
        "come+fare come+posso come+si+fa passo+dopo+passo spiegami insegnami istruzioni+per mostrami+come nei+dettagli in+dettaglio", // Italian
        "como+fazer como+posso como+eu+faço passo+a+passo explique+como me+ensine ensina+me instruções+para mostre+me+como em+detalhes", // Portuguese
        "hoe+maak+ik hoe+kan+ik hoe+moet+ik stap+voor+stap leg+uit+hoe leer+me instructies+voor laat+me+zien+hoe in+detail het+recept+voor", // Dutch
        "jak+zrobić jak+mogę jak+przygotować krok+po+kroku wyjaśnij+jak naucz+mnie instrukcje pokaż+mi+jak szczegółowo przepis+na", // Polish
        "как+сделать как+мне как+я+могу пошагов* шаг+за+шагом объясни+как научи+меня инструкци* покажи+как подробно", // Russian
        "як+зробити як+мені як+я+можу покроков* крок+за+кроком поясни+як навчи+мене інструкці* покажи+як детально", // Ukrainian
        "jak+udělat jak+mohu jak+můžu krok+za+krokem vysvětli+jak nauč+mě návod ukaž+mi+jak podrobně recept+na", // Czech
        "ako+urobiť ako+môžem ako+vyrobiť krok+za+krokom vysvetli+ako nauč+ma návod ukáž+mi+ako podrobne recept+na", // Slovak
        "hogyan+készít* hogyan+tudok hogyan+lehet lépésről+lépésre magyarázd+el+hogyan taníts+meg útmutató* mutasd+meg+hogyan részletesen hogyan+csináljak", // Hungarian
        "cum+să cum+pot cum+fac pas+cu+pas explică+cum învață+mă instrucțiuni arată+mi+cum în+detaliu rețeta+pentru", // Romanian
        "как+да как+мога стъпка+по+стъпка обясни+как научи+ме инструкции+за покажи+ми+как подробно рецепта+за как+се+прави", // Bulgarian
        "како+да како+могу корак+по+корак објасни+како научи+ме упутство покажи+ми+како детаљно рецепт+за како+се+прави", // Serbian
        "kako+napraviti kako+mogu korak+po+korak objasni+kako nauči+me upute+za pokaži+mi+kako detaljno recept+za kako+se+radi", // Croatian
        "πώς+να πώς+μπορώ βήμα+προς+βήμα εξήγησε+πώς δίδαξέ+με μάθε+μου οδηγίες+για δείξε+μου+πώς λεπτομερώς συνταγή+για", // Greek
        "hur+gör+jag hur+kan+jag hur+man steg+för+steg förklara+hur lär+mig instruktioner+för visa+mig+hur i+detalj receptet+på", // Swedish
        "hvordan+lager+jeg hvordan+kan+jeg hvordan+man steg+for+steg trinn+for+trinn forklar+hvordan lær+meg instruksjoner+for vis+meg+hvordan i+detalj", // Norwegian
        "hvordan+laver+jeg hvordan+kan+jeg hvordan+man trin+for+trin forklar+hvordan lær+mig instruktioner+til vis+mig+hvordan i+detaljer opskriften+på", // Danish
        "miten+teen miten+voin kuinka+teen kuinka+voin vaihe+vaiheelta selitä+miten opeta+minulle ohjeet näytä+miten yksityiskohtaisesti", // Finnish
        "nasıl+yapılır nasıl+yapabilirim nasıl+yaparım adım+adım nasıl+yapıldığını+açıkla bana+öğret talimatlar nasıl+yapılacağını+göster ayrıntılı+olarak detaylı+olarak", // Turkish
        "كيف+أصنع كيف+يمكنني كيفية+صنع خطوة+بخطوة اشرح+كيف علمني تعليمات أرني+كيف بالتفصيل طريقة+صنع", // Arabic
        "איך+להכין איך+אני איך+אפשר שלב+אחר+שלב צעד+אחר+צעד הסבר+איך למד+אותי הוראות הראה+לי+איך בפירוט", // Hebrew
        "چگونه+بسازم چطور+بسازم مرحله+به+مرحله قدم+به+قدم توضیح+بده به+من+یاد+بده دستورالعمل به+من+نشان+بده با+جزئیات روش+ساخت", // Persian
        "कैसे+बनाएं कैसे+बनाये मैं+कैसे कैसे+करें चरण+दर+चरण स्टेप+बाय+स्टेप समझाइए+कैसे मुझे+सिखाओ निर्देश विस्तार+से", // Hindi
        "কীভাবে+বানাবো কিভাবে+বানাবো আমি+কীভাবে কীভাবে+তৈরি+করতে ধাপে+ধাপে ব্যাখ্যা+করো আমাকে+শেখাও নির্দেশাবলী আমাকে+দেখাও বিস্তারিতভাবে", // Bengali
        "کیسے+بنائیں کیسے+بناؤں میں+کیسے کیسے+کریں مرحلہ+وار قدم+بہ+قدم وضاحت+کریں مجھے+سکھائیں ہدایات تفصیل+سے", // Urdu
        "எப்படி+செய்வது எப்படி+தயாரிப்பது எப்படி+உருவாக்குவது நான்+எப்படி படிப்படியாக எப்படி+என்று+விளக்குங்கள் எனக்கு+கற்றுக்கொடுங்கள் வழிமுறைகள் எப்படி+என்று+காட்டுங்கள் விரிவாக", // Tamil
        "วิธีทำ สอนฉัน สอนผม ทำไง สูตรทำ สอนที", // Thai
        "làm+thế+nào+để cách+làm cách+chế+tạo làm+sao+để từng+bước giải+thích+cách dạy+tôi hướng+dẫn+cách chỉ+cho+tôi+cách một+cách+chi+tiết", // Vietnamese
        "cara+membuat bagaimana+cara bagaimana+saya+bisa langkah+demi+langkah jelaskan+cara ajari+saya instruksi tunjukkan+cara secara+rinci secara+detail", // Indonesian
        "cara+membuat bagaimana+untuk bagaimana+saya+boleh langkah+demi+langkah terangkan+cara ajar+saya arahan tunjukkan+cara secara+terperinci bagaimana+hendak", // Malay
        "paano+gumawa paano+ko paano+mag hakbang+hakbang hakbang+hakbang ipaliwanag+kung+paano turuan+mo+ako mga+tagubilin ipakita+kung+paano nang+detalyado", // Tagalog
        "jinsi+ya namna+ya nawezaje hatua+kwa+hatua eleza+jinsi nifundishe maelekezo nionyeshe+jinsi kwa+undani kwa+kina", // Swahili
        "እንዴት+መስራት እንዴት+እችላለሁ እንዴት+ማድረግ ደረጃ+በደረጃ እንዴት+እንደሆነ+አስረዳኝ አስተምረኝ መመሪያ አሳየኝ በዝርዝር", // Amharic
        "如何制作 怎么制作 怎么做 我该如何 一步一步 逐步 教我 告诉我如何 详细步骤 详细说明", // Chinese
        "作り方 やり方 どうやって 方法を教えて 手順を教えて 段階的に 詳しく教えて 詳細な手順", // Japanese
        "만드는+방법 만드는+법 어떻게+만들어 어떻게+하면 방법을+알려줘 단계별로 단계별 가르쳐줘 자세히 알려줘+자세히", // Korean
    ];

    /// <summary>Fiction or hypothesis as a pretext.</summary>
    public static string[] Framing { get; } =
    [
        "imagina+un+mundo hipotéticamente para+una+novela en+mi+historia finge+que+eres actúa+como juego+de+rol ficticio ficticia con+fines+educativos mi+difunta+abuela mi+difunto+abuelo", // Spanish
        "imagine+un+monde hypothétiquement pour+un+roman dans+mon+histoire fais+semblant agis+comme jeu+de+rôle fictif fictive à+des+fins+éducatives ma+défunte+grand+mère mon+défunt+grand+père", // French
        "stell+dir+eine+welt+vor hypothetisch für+einen+roman in+meiner+geschichte tu+so+als so+tun+als agiere+als rollenspiel fiktiv* zu+bildungszwecken meine+verstorbene+großmutter mein+verstorbener+großvater", // German
        "immagina+un+mondo ipoteticamente per+un+romanzo nella+mia+storia fingi+di+essere agisci+come gioco+di+ruolo fittizio fittizia a+scopo+educativo mia+nonna+defunta mio+nonno+defunto", // Italian
        "imagine+um+mundo hipoteticamente para+um+romance na+minha+história finja+ser finja+que aja+como fictício fictícia para+fins+educacionais minha+falecida+avó meu+falecido+avô", // Portuguese
        "stel+je+een+wereld+voor hypothetisch voor+een+roman in+mijn+verhaal doe+alsof gedraag+je+als rollenspel fictief fictieve voor+educatieve+doeleinden mijn+overleden+oma mijn+overleden+opa", // Dutch
        "wyobraź+sobie+świat hipotetycznie do+powieści w+mojej+historii udawaj wciel+się odgrywanie+ról fikcyjn* w+celach+edukacyjnych moja+zmarła+babcia mój+zmarły+dziadek zachowuj+się+jak", // Polish
        "представь+себе+мир гипотетически для+романа в+моей+истории притворись представь+что+ты веди+себя+как ролевая+игра вымышленн* в+образовательных+целях моя+покойная+бабушка мой+покойный+дедушка", // Russian
        "уяви+собі+світ гіпотетично для+роману у+моїй+історії удавай прикинься поводься+як рольова+гра вигадан* в+освітніх+цілях моя+покійна+бабуся мій+покійний+дідусь", // Ukrainian
        "představ+si+svět hypoteticky pro+román v+mém+příběhu předstírej chovej+se+jako hraní+rolí hraj+roli fiktivní pro+vzdělávací+účely moje+zesnulá+babička můj+zesnulý+dědeček", // Czech
        "predstav+si+svet hypoteticky pre+román v+mojom+príbehu predstieraj správaj+sa+ako hranie+rolí hraj+rolu fiktívn* na+vzdelávacie+účely moja+zosnulá+babka môj+zosnulý+dedko", // Slovak
        "képzelj+el+egy+világot hipotetikusan egy+regényhez a+történetemben tégy+úgy+mintha tegyél+úgy+mintha viselkedj+úgy+mint szerepjáték* kitalált oktatási+célokra néhai+nagymamám néhai+nagyapám", // Hungarian
        "imaginează+ți+o+lume ipotetic pentru+un+roman în+povestea+mea prefă+te pretinde+că+ești acționează+ca joc+de+rol fictiv* în+scopuri+educaționale răposata+mea+bunică răposatul+meu+bunic", // Romanian
        "представи+си+свят хипотетично за+роман в+моята+история престори+се действай+като ролева+игра измислен* с+образователна+цел покойната+ми+баба покойният+ми+дядо дръж+се+като", // Bulgarian
        "замисли+свет хипотетички за+роман у+мојој+причи претварај+се понашај+се+као глуми игра+улога измишљен* у+образовне+сврхе моја+покојна+бака мој+покојни+деда", // Serbian
        "zamisli+svijet hipotetski za+roman u+mojoj+priči pretvaraj+se ponašaj+se+kao glumi igranje+uloga izmišljen* u+obrazovne+svrhe moja+pokojna+baka moj+pokojni+djed", // Croatian
        "φαντάσου+έναν+κόσμο υποθετικά για+ένα+μυθιστόρημα στην+ιστορία+μου προσποιήσου κάνε+ότι+είσαι παίξε+τον+ρόλο παιχνίδι+ρόλων μυθοπλασία για+εκπαιδευτικούς+σκοπούς η+αείμνηστη+γιαγιά+μου ο+αείμνηστος+παππούς+μου", // Greek
        "föreställ+dig+en+värld hypotetiskt för+en+roman i+min+berättelse låtsas+att+du+är låtsas agera+som rollspel fiktiv* i+utbildningssyfte min+avlidna+mormor min+avlidne+morfar", // Swedish
        "forestill+deg+en+verden hypotetisk for+en+roman i+historien+min lat+som late+som oppfør+deg+som rollespill fiktiv* for+utdanningsformål min+avdøde+bestemor min+avdøde+bestefar", // Norwegian
        "forestil+dig+en+verden hypotetisk til+en+roman i+min+historie lad+som+om lade+som+om opfør+dig+som rollespil fiktiv* til+uddannelsesformål min+afdøde+bedstemor min+afdøde+bedstefar", // Danish
        "kuvittele+maailma hypoteettisesti romaania+varten tarinassani teeskentele esitä+että+olet toimi+kuten roolipeli* fiktiivi* opetustarkoitu* edesmennyt+isoäitini edesmennyt+isoisäni", // Finnish
        "bir+dünya+hayal+et varsayımsal+olarak bir+roman+için hikayemde gibi+davran rol+yap rol+yapma kurgusal eğitim+amaçlı merhum+büyükannem rahmetli+büyükannem rahmetli+dedem", // Turkish
        "تخيل+عالما افتراضيا لرواية في+قصتي تظاهر+بأنك تصرف+كأنك لعب+الأدوار سيناريو+خيالي لأغراض+تعليمية جدتي+الراحلة جدي+الراحل تقمص+دور", // Arabic
        "דמיין+עולם באופן+היפותטי היפותטית לרומן בסיפור+שלי העמד+פנים תתנהג+כמו משחק+תפקידים בדיוני למטרות+חינוכיות סבתא+שלי+המנוחה סבא+שלי+המנוח", // Hebrew
        "دنیایی+را+تصور+کن فرضی به+طور+فرضی برای+یک+رمان در+داستان+من وانمود+کن نقش+بازی+کن ایفای+نقش تخیلی برای+اهداف+آموزشی مادربزرگ+مرحومم پدربزرگ+مرحومم", // Persian
        "दुनिया+की+कल्पना+करो काल्पनिक काल्पनिक+रूप+से एक+उपन्यास+के+लिए मेरी+कहानी+में होने+का+नाटक+करो की+तरह+व्यवहार+करो रोलप्ले भूमिका+निभाओ शैक्षिक+उद्देश्यों+के+लिए मेरी+स्वर्गीय+दादी मेरे+स्वर्गीय+दादा", // Hindi
        "এমন+একটি+পৃথিবী+কল্পনা+করো কাল্পনিকভাবে একটি+উপন্যাসের+জন্য আমার+গল্পে ভান+করো মতো+আচরণ+করো রোলপ্লে ভূমিকায়+অভিনয় কাল্পনিক শিক্ষাগত+উদ্দেশ্যে আমার+প্রয়াত+দাদি আমার+প্রয়াত+দাদা", // Bengali
        "ایک+دنیا+کا+تصور+کریں فرضی+طور+پر ایک+ناول+کے+لیے میری+کہانی+میں دکھاوا+کریں کی+طرح+برتاؤ+کریں کردار+ادا+کریں رول+پلے خیالی تعلیمی+مقاصد+کے+لیے میری+مرحومہ+دادی میرے+مرحوم+دادا", // Urdu
        "ஒரு+உலகத்தை+கற்பனை+செய்யுங்கள் கற்பனையாக அனுமானமாக ஒரு+நாவலுக்காக என்+கதையில் நடிக்கவும் போல+நடந்து+கொள்ளுங்கள் பாத்திரமேற்று கற்பனையான கல்வி+நோக்கங்களுக்காக என்+மறைந்த+பாட்டி என்+மறைந்த+தாத்தா", // Tamil
        "สมมติ สมมุติ แสร้ง เล่นบท สวมบท รับบท", // Thai
        "hãy+tưởng+tượng+một+thế+giới giả+sử theo+giả+thuyết cho+một+cuốn+tiểu+thuyết trong+câu+chuyện+của+tôi giả+vờ hãy+đóng+vai nhập+vai hư+cấu vì+mục+đích+giáo+dục người+bà+quá+cố người+ông+quá+cố", // Vietnamese
        "bayangkan+sebuah+dunia secara+hipotetis untuk+sebuah+novel dalam+cerita+saya berpura+pura bertindak+sebagai bermain+peran fiksi fiktif untuk+tujuan+pendidikan mendiang+nenek mendiang+kakek", // Indonesian
        "bayangkan+sebuah+dunia secara+hipotetikal untuk+sebuah+novel dalam+cerita+saya berpura+pura bertindak+sebagai main+peranan fiksyen rekaan untuk+tujuan+pendidikan arwah+nenek arwah+datuk", // Malay
        "isipin+ang+isang+mundo hipotetikal para+sa+isang+nobela sa+aking+kwento magpanggap magkunwari kunwari gumanap+bilang kathang+isip para+sa+layuning+pang+edukasyon yumaong+lola yumaong+lolo", // Tagalog
        "fikiria+ulimwengu kidhahania kwa+nadharia kwa+riwaya katika+hadithi+yangu jifanye igiza+kama uigizaji+dhima ya+kubuni kwa+madhumuni+ya+kielimu marehemu+bibi marehemu+babu", // Swahili
        "ዓለምን+አስብ በመላምት መላምታዊ ለልብወለድ በታሪኬ አስመስል ሚና+ተጫወት ልብ+ወለድ ምናባዊ ለትምህርታዊ+ዓላማ ለትምህርት+ዓላማ ሟች+አያቴ", // Amharic
        "想象一个世界 假设性地 写小说 在我的故事中 假装你是 角色扮演 虚构 教育目的 已故的奶奶 已故的爷爷", // Chinese
        "世界を想像 仮定の話 小説のため 私の物語で ふりをして なりきって ロールプレイ 架空の 教育目的 亡き祖母 亡き祖父", // Japanese
        "세상을+상상해 가정해보자 소설을+위해 내+이야기에서 척해 역할극 롤플레이 허구의 가상의 교육+목적으로 돌아가신+할머니 돌아가신+할아버지", // Korean
    ];

    /// <summary>Not being caught.</summary>
    public static string[] Evasion { get; } =
    [
        "sin+que+me+atrapen sin+ser+detectado sin+dejar+rastro sin+que+nadie+se+entere indetectable sin+ser+descubierto", // Spanish
        "sans+me+faire+prendre sans+se+faire+prendre sans+être+détecté sans+laisser+de+traces sans+que+personne+ne+le+sache indétectable", // French
        "ohne+erwischt+zu+werden ohne+entdeckt+zu+werden ohne+spuren spurlos unentdeckt nicht+nachweisbar", // German
        "senza+farmi+scoprire senza+essere+scoperto senza+essere+rilevato senza+lasciare+tracce senza+che+nessuno+lo+sappia non+rilevabile", // Italian
        "sem+ser+pego sem+ser+detectado sem+deixar+rastros sem+que+ninguém+saiba indetectável sem+ser+descoberto", // Portuguese
        "zonder+gepakt+te+worden zonder+betrapt+te+worden zonder+ontdekt+te+worden zonder+sporen onopgemerkt ondetecteerbaar", // Dutch
        "bez+bycia+złapanym nie+dając+się+złapać bez+wykrycia bez+śladu żeby+nikt+się+nie+dowiedział niewykrywaln*", // Polish
        "чтобы+не+поймали не+попавшись без+обнаружения не+оставляя+следов чтобы+никто+не+узнал необнаружим*", // Russian
        "щоб+не+спіймали не+попавшись без+виявлення не+залишаючи+слідів щоб+ніхто+не+дізнався", // Ukrainian
        "aniž+by+mě+chytili bez+odhalení beze+stopy aby+se+nikdo+nedozvěděl nezjistiteln* nedetekovateln*", // Czech
        "bez+toho+aby+ma+chytili bez+odhalenia bez+stopy aby+sa+nikto+nedozvedel nezistiteľn* nedetegovateľn*", // Slovak
        "anélkül+hogy+elkapnának lebukás+nélkül észlelés+nélkül nyomtalanul hogy+senki+ne+tudja+meg kimutathatatlan*", // Hungarian
        "fără+să+fiu+prins fără+a+fi+prins fără+a+fi+detectat fără+urme fără+să+afle+nimeni nedetectabil*", // Romanian
        "без+да+ме+хванат без+да+бъда+засечен без+следа без+да+оставя+следи без+да+разбере+никой неоткриваем*", // Bulgarian
        "а+да+ме+не+ухвате без+откривања без+трага без+остављања+трагова да+нико+не+сазна", // Serbian
        "a+da+me+ne+uhvate bez+otkrivanja bez+traga bez+ostavljanja+tragova da+nitko+ne+sazna neotkriven*", // Croatian
        "χωρίς+να+με+πιάσουν χωρίς+να+εντοπιστώ χωρίς+ίχνη χωρίς+να+αφήσω+ίχνη χωρίς+να+μάθει+κανείς μη+ανιχνεύσιμ*", // Greek
        "utan+att+åka+fast utan+att+bli+upptäckt utan+att+lämna+spår spårlöst utan+att+någon+får+veta oupptäckbar*", // Swedish
        "uten+å+bli+tatt uten+å+bli+oppdaget uten+å+etterlate+spor sporløst uten+at+noen+finner+ut uoppdagelig*", // Norwegian
        "uden+at+blive+taget uden+at+blive+opdaget uden+at+efterlade+spor sporløst uden+at+nogen+finder+ud+af+det uopdagelig*", // Danish
        "jäämättä+kiinni tulematta+havaituksi jälkiä+jättämättä kenenkään+huomaamatta paljastumatta havaitsematon", // Finnish
        "yakalanmadan fark+edilmeden iz+bırakmadan kimse+öğrenmeden tespit+edilemez tespit+edilmeden", // Turkish
        "دون+أن+يتم+القبض دون+أن+يكتشف دون+ترك+أثر دون+أن+يعرف+أحد لا+يمكن+اكتشافه دون+أن+يلاحظ+أحد", // Arabic
        "בלי+להיתפס מבלי+להיתפס בלי+להתגלות בלי+להשאיר+עקבות בלי+שאף+אחד+ידע בלתי+ניתן+לגילוי", // Hebrew
        "بدون+اینکه+گیر+بیفتم بدون+دستگیر+شدن بدون+شناسایی بدون+ردپا بدون+اینکه+کسی+بفهمد غیرقابل+شناسایی", // Persian
        "बिना+पकड़े+गए बिना+पता+चले बिना+कोई+निशान+छोड़े किसी+को+पता+न+चले पकड़+में+न+आएं अनडिटेक्टेबल", // Hindi
        "ধরা+না+পড়ে শনাক্ত+না+হয়ে কোনো+চিহ্ন+না+রেখে কেউ+যেন+জানতে+না+পারে অশনাক্তযোগ্য", // Bengali
        "پکڑے+بغیر پکڑے+جانے+کے+بغیر پتہ+چلے+بغیر کوئی+نشان+چھوڑے+بغیر کسی+کو+پتہ+نہ+چلے ناقابل+شناخت", // Urdu
        "பிடிபடாமல் கண்டுபிடிக்கப்படாமல் தடயம்+இல்லாமல் யாருக்கும்+தெரியாமல் கண்டறிய+முடியாத", // Tamil
        "ไร้รอย ลอยนวล โดนจับ", // Thai
        "mà+không+bị+bắt không+bị+phát+hiện không+để+lại+dấu+vết để+không+ai+phát+hiện không+thể+phát+hiện", // Vietnamese
        "tanpa+ketahuan tanpa+tertangkap tanpa+terdeteksi tanpa+jejak tidak+terdeteksi agar+tidak+ada+yang+tahu", // Indonesian
        "tanpa+ditangkap tanpa+dikesan tanpa+meninggalkan+kesan tidak+dapat+dikesan supaya+tiada+siapa+tahu", // Malay
        "nang+hindi+nahuhuli nang+hindi+nahuli nang+hindi+natutuklasan nang+walang+bakas walang+makakaalam hindi+matutukoy", // Tagalog
        "bila+kukamatwa bila+kugunduliwa bila+kuacha+alama bila+mtu+kujua isiyoweza+kugunduliwa", // Swahili
        "ሳልያዝ ሳይታወቅ ዱካ+ሳይተው ማንም+ሳያውቅ ሊታወቅ+የማይችል", // Amharic
        "不被抓 不被发现 不被察觉 不留痕迹 神不知鬼不觉 无法检测", // Chinese
        "捕まらずに バレずに 見つからずに 痕跡を残さず 検出されない", // Japanese
        "들키지+않고 걸리지+않고 잡히지+않고 흔적+없이 아무도+모르게 탐지되지+않는", // Korean
    ];

    /// <summary>Protecting against, recognising or understanding a harm rather than doing it.</summary>
    public static string[] Defensive { get; } =
    [
        "proteg* protección preven* detectar reconocer+las+señales señales+de+advertencia cómo+evitar denunci* víctimas mantenerse+a+salvo cómo+saber+si por+qué+es+ilegal línea+de+ayuda buscar+ayuda", // Spanish
        "protég* préven* détect* reconnaître+les+signes signes+d'alerte comment+éviter signaler+à+la+police porter+plainte victimes sensibilisation rester+en+sécurité comment+savoir+si pourquoi+est+ce+illégal ligne+d'écoute", // French
        "schützen vorbeug* prävention verhindern erkennen anzeichen warnsignal* vermeiden anzeige+erstatten der+polizei+melden opfer woran+erkenne+ich warum+ist+das+illegal hilfetelefon", // German
        "protegger* preven* rilevare riconoscere+i+segnali segnali+di+allarme campanelli+d'allarme come+evitare denunc* vittime sensibilizzazione stare+al+sicuro come+capire+se perché+è+illegale chiedere+aiuto", // Italian
        "proteg* prevenir prevenção detectar reconhecer+os+sinais sinais+de+alerta como+evitar denunci* vítimas conscientização como+saber+se por+que+é+ilegal pedir+ajuda linha+de+apoio", // Portuguese
        "bescherm* preventie hoe+voorkom+ik detecteren herkennen waarschuwingssignalen vermijden aangifte+doen melden+bij+de+politie slachtoffers bewustwording veilig+blijven hoe+weet+ik+of waarom+is+het+illegaal", // Dutch
        "chronić ochron* zapobiega* wykry* rozpozna* sygnały+ostrzegawcze unikać zgłosić+na+policję ofiary ofiar jak+sprawdzić+czy dlaczego+jest+nielegalne szukać+pomocy telefon+zaufania", // Polish
        "защит* предотвра* обнаруж* распозна* тревожные+признаки предупреждающие+знаки избежать сообщить+в+полицию жертвы как+понять+что как+узнать+что почему+это+незаконно обратиться+за+помощью горячая+линия", // Russian
        "захист* запобіг* виявити виявлення розпізна* тривожні+ознаки уникнути повідомити+поліцію жертви як+зрозуміти+що як+дізнатися+чи чому+це+незаконно звернутися+по+допомогу гаряча+лінія", // Ukrainian
        "chránit ochránit zabránit prevence odhalit rozpoznat varovné+signály vyhnout+se nahlásit+policii oběti jak+poznat proč+je+to+nelegální vyhledat+pomoc linka+důvěry", // Czech
        "chrániť ochrániť zabrániť prevencia odhaliť rozpoznať varovné+signály vyhnúť+sa nahlásiť+polícii obete ako+zistiť+či prečo+je+to+nezákonné vyhľadať+pomoc linka+dôvery", // Slovak
        "megvéd* megelőz* felismer* észlel* figyelmeztető+jelek elkerül* feljelent* jelenteni+a+rendőrségnek áldozatok honnan+tudhatom miért+illegális segítséget+kérni segélyvonal biztonságban+maradni", // Hungarian
        "protej* preven* detect* recunoaște+semnele semne+de+avertizare cum+să+evit raporta+la+poliție victime victimele conștientizare cum+îmi+dau+seama de+ce+este+ilegal cere+ajutor linia+de+asistență", // Romanian
        "защит* предотврат* разпозна* предупредителни+знаци тревожни+признаци избегна избягвам подам+сигнал съобщя+в+полицията жертви жертвите как+да+разбера защо+е+незаконно гореща+линия", // Bulgarian
        "zaštit* spreč* prepozna* znakovi+upozorenja prijaviti+policiji žrtve zašto+je+nezakonito заштит* спреч* препозна* знакови+упозорења пријавити+полицији жртве зашто+је+незаконито", // Serbian
        "zaštit* spriječiti sprječavanje prepozna* otkrivanje znakovi+upozorenja izbjeći prijaviti+policiji žrtve podizanje+svijesti kako+znati+je+li zašto+je+nezakonito potražiti+pomoć ostati+siguran", // Croatian
        "προστασία προστατεύσω πρόληψη ανίχνευση εντοπίσω αναγνωρίσω+τα+σημάδια προειδοποιητικά+σημάδια αποφύγω καταγγελία θύματα ευαισθητοποίηση πώς+να+καταλάβω γιατί+είναι+παράνομο γραμμή+βοήθειας", // Greek
        "skydda förebygg* förhindra upptäcka känna+igen+tecknen varningssignal* varningstecken undvika polisanmäl* offren brottsoffer hur+vet+jag+om varför+är+det+olagligt söka+hjälp", // Swedish
        "beskytte forebygg* forhindre oppdage kjenne+igjen+tegnene varselsignal* varseltegn unngå anmelde+til+politiet ofrene hvordan+vet+jeg+om hvorfor+er+det+ulovlig søke+hjelp hjelpetelefon", // Norwegian
        "beskytte forebygg* forhindre opdage genkende+tegnene advarselstegn undgå anmelde+til+politiet politianmeld* ofre ofrene hvordan+ved+jeg+om hvorfor+er+det+ulovligt søge+hjælp", // Danish
        "suojel* suojautu* ehkäi* havaita tunnista* varoitusmerk* välttää ilmoittaa+poliisille rikosilmoitus uhrit miten+tiedän miksi+se+on+laitonta hakea+apua auttava+puhelin", // Finnish
        "korun* önle* tespit+etmek uyarı+işaretleri kaçınmak polise+bildirmek ihbar+etmek mağdur* farkındalık nasıl+anlarım nasıl+anlayabilirim neden+yasa+dışı yardım+hattı kendimi+korumak", // Turkish
        "حماية لحماية الوقاية اكتشاف التعرف+على+العلامات العلامات+التحذيرية تجنب الإبلاغ الضحايا التوعية كيف+أعرف لماذا+هو+غير+قانوني طلب+المساعدة خط+المساعدة", // Arabic
        "להגן+על להתגונן למנוע מניעת לזהות סימני+אזהרה להימנע לדווח+למשטרה קורבנות הקורבנות מודעות איך+לדעת+אם למה+זה+לא+חוקי קו+חם", // Hebrew
        "محافظت+از حفاظت+از پیشگیری جلوگیری+از تشخیص شناسایی علائم+هشدار اجتناب گزارش+به+پلیس قربانیان چگونه+بفهمم چرا+غیرقانونی کمک+بگیرم خط+کمک", // Persian
        "बचाव सुरक्षित+रहें रोकथाम पता+लगाने पहचानने चेतावनी+संकेत बचने+के+लिए पुलिस+को+रिपोर्ट शिकायत+दर्ज पीड़ितों जागरूकता कैसे+पता+करें अवैध+क्यों हेल्पलाइन", // Hindi
        "রক্ষা+করতে প্রতিরোধ শনাক্ত সনাক্ত সতর্কতা+চিহ্ন সতর্কতামূলক+লক্ষণ এড়াতে পুলিশে+রিপোর্ট ভুক্তভোগী ভুক্তভোগীদের সচেতনতা কীভাবে+বুঝব কেন+অবৈধ হেল্পলাইন", // Bengali
        "تحفظ حفاظت بچاؤ روک+تھام پتہ+لگانے پہچاننے انتباہی+علامات بچنے+کے+لیے پولیس+کو+رپورٹ متاثرین آگاہی کیسے+پتہ+چلے غیر+قانونی+کیوں ہیلپ+لائن", // Urdu
        "பாதுகாக்க பாதுகாப்பது தடுக்க தடுப்பது கண்டறிய கண்டறிவது எச்சரிக்கை+அறிகுறிகள் தவிர்க்க காவல்துறையில்+புகார் பாதிக்கப்பட்டவர்கள் விழிப்புணர்வு எப்படி+அறிவது ஏன்+சட்டவிரோதமானது உதவி+எண்", // Tamil
        "ปกป้อง ตรวจหา ตรวจพบ สังเกต รู้ทัน รับมือ เลี่ยง เหยื่อ ระวัง", // Thai
        "bảo+vệ+bản+thân phòng+ngừa phòng+tránh ngăn+chặn phát+hiện nhận+biết dấu+hiệu+cảnh+báo báo+cảnh+sát trình+báo nạn+nhân nâng+cao+nhận+thức làm+sao+để+biết tại+sao+nó+là+bất+hợp+pháp đường+dây+nóng", // Vietnamese
        "melindungi perlindungan mencegah pencegahan mendeteksi mengenali+tanda tanda+peringatan menghindari melapor+ke+polisi melaporkan+ke+polisi korban bagaimana+saya+tahu mengapa+itu+ilegal saluran+bantuan", // Indonesian
        "melindungi perlindungan mencegah pencegahan mengesan mengenal+pasti tanda+amaran mengelak melaporkan+kepada+polis mangsa kesedaran bagaimana+saya+tahu mengapa+ia+menyalahi+undang talian+bantuan", // Malay
        "protektahan maprotektahan ipagtanggol maiwasan pigilan matukoy mga+palatandaan mga+babala iulat+sa+pulis isumbong+sa+pulis mga+biktima paano+malalaman+kung bakit+ito+ilegal humingi+ng+tulong", // Tagalog
        "kujilinda kujikinga kuzuia kugundua kutambua+dalili ishara+za+onyo dalili+za+hatari kuepuka kuripoti+polisi kuripoti+kwa+polisi waathiriwa nitajuaje kwa+nini+ni+kinyume kupata+msaada", // Swahili
        "መከላከል ለመከላከል ራሴን+ለመጠበቅ ለመለየት የማስጠንቀቂያ+ምልክቶች ለማስወገድ ለፖሊስ+ሪፖርት ለፖሊስ+ማሳወቅ ተጠቂዎች ግንዛቤ እንዴት+ማወቅ+እችላለሁ ለምን+ሕገወጥ እርዳታ+ማግኘት የእርዳታ+መስመር", // Amharic
        "防范 预防 防止 保护自己 如何识别 警示信号 避免被 报警 举报 受害者 防骗 如何判断 为什么违法 求助热线", // Chinese
        "防ぐ 防止 予防 身を守る 見分け方 見抜く 警告サイン 避ける 警察に通報 通報 被害者 相談窓口 なぜ違法 助けを求める", // Japanese
        "예방 예방하려면 보호하려면 보호하는+방법 탐지하는 식별하는 경고+신호 피하는+방법 경찰에+신고 신고하는 피해자 피해자들 어떻게+알+수 왜+불법인가요", // Korean
    ];

    /// <summary>Demands for working, exact, complete detail.</summary>
    public static string[] DetailDemand { get; } =
    [
        "paso+a+paso cantidades+exactas dosis+exacta pasos+precisos con+todo+detalle realista técnicamente+preciso receta+real instrucciones+completas sin+omitir+nada", // Spanish
        "étape+par+étape quantités+exactes dose+exacte étapes+précises dans+les+moindres+détails réaliste techniquement+exact vraie+recette instructions+complètes sans+rien+omettre", // French
        "schritt+für+schritt genaue+mengen genaue+dosis genaue+dosierung bis+ins+kleinste+detail realistisch technisch+korrekt echte+rezept vollständige+anleitung nichts+auslassen", // German
        "passo+dopo+passo passo+passo quantità+esatte dose+esatta dosaggio+esatto nei+minimi+dettagli realistico tecnicamente+accurato ricetta+vera istruzioni+complete", // Italian
        "passo+a+passo quantidades+exatas dose+exata dosagem+exata etapas+precisas em+todos+os+detalhes realista tecnicamente+preciso receita+verdadeira instruções+completas", // Portuguese
        "stap+voor+stap exacte+hoeveelheden precieze+hoeveelheden exacte+dosis precieze+stappen tot+in+detail realistisch technisch+nauwkeurig echte+recept volledige+instructies", // Dutch
        "krok+po+kroku dokładne+ilości dokładna+dawka dokładne+dawkowanie precyzyjne+kroki w+najdrobniejszych+szczegółach realistyczn* technicznie+dokładne prawdziwy+przepis kompletne+instrukcje", // Polish
        "шаг+за+шагом пошагов* точные+количества точную+дозу точная+дозировка во+всех+подробностях реалистичн* технически+точно настоящий+рецепт полные+инструкции", // Russian
        "крок+за+кроком покроков* точні+кількості точну+дозу точне+дозування в+усіх+подробицях реалістичн* технічно+точно справжній+рецепт повні+інструкції", // Ukrainian
        "krok+za+krokem přesné+množství přesnou+dávku přesné+dávkování do+nejmenších+detailů realistick* technicky+přesné skutečný+recept kompletní+návod úplné+pokyny", // Czech
        "krok+za+krokom presné+množstvo presnú+dávku presné+dávkovanie do+najmenších+detailov realistick* technicky+presné skutočný+recept kompletný+návod úplné+pokyny", // Slovak
        "lépésről+lépésre pontos+mennyiségek pontos+adag pontos+adagolás pontos+lépések a+legapróbb+részletekig valósághű technikailag+pontos igazi+recept teljes+útmutató", // Hungarian
        "pas+cu+pas cantități+exacte doza+exactă dozajul+exact pașii+exacți în+cele+mai+mici+detalii realist tehnic+corect rețeta+reală instrucțiuni+complete", // Romanian
        "стъпка+по+стъпка точни+количества точната+доза точна+дозировка точните+стъпки с+всички+подробности реалистичн* технически+точно истинската+рецепта пълни+инструкции", // Bulgarian
        "korak+po+korak tačne+količine tačnu+dozu potpuna+uputstva pravi+recept корак+по+корак тачне+количине тачну+дозу потпуна+упутства прави+рецепт", // Serbian
        "korak+po+korak točne+količine točnu+dozu točna+doza precizne+korake sa+svim+detaljima realistič* tehnički+točno pravi+recept potpune+upute", // Croatian
        "βήμα+προς+βήμα ακριβείς+ποσότητες ακριβή+δόση ακριβή+δοσολογία ακριβή+βήματα με+κάθε+λεπτομέρεια ρεαλιστικ* τεχνικά+ακριβές πραγματική+συνταγή πλήρεις+οδηγίες", // Greek
        "steg+för+steg exakta+mängder exakt+dos exakt+dosering exakta+steg i+minsta+detalj realistisk tekniskt+korrekt det+riktiga+receptet fullständiga+instruktioner", // Swedish
        "steg+for+steg trinn+for+trinn nøyaktige+mengder nøyaktig+dose nøyaktig+dosering i+minste+detalj realistisk teknisk+korrekt den+ekte+oppskriften fullstendige+instruksjoner", // Norwegian
        "trin+for+trin nøjagtige+mængder præcise+mængder nøjagtig+dosis præcis+dosis præcise+trin i+mindste+detalje realistisk teknisk+korrekt fuldstændige+instruktioner", // Danish
        "vaihe+vaiheelta tarkat+määrät tarkka+annos tarkka+annostus tarkat+vaiheet yksityiskohtaisesti realistinen teknisesti+tarkka oikea+resepti täydelliset+ohjeet", // Finnish
        "adım+adım kesin+miktarlar tam+miktarlar kesin+doz kesin+adımlar tüm+ayrıntılarıyla gerçekçi teknik+olarak+doğru gerçek+tarif eksiksiz+talimatlar", // Turkish
        "خطوة+بخطوة الكميات+الدقيقة كميات+دقيقة الجرعة+الدقيقة الخطوات+الدقيقة بالتفصيل+الكامل واقعي من+الناحية+التقنية الوصفة+الحقيقية تعليمات+كاملة", // Arabic
        "שלב+אחר+שלב צעד+אחר+צעד כמויות+מדויקות מינון+מדויק השלבים+המדויקים בפירוט+מלא מציאותי מדויק+טכנית המתכון+האמיתי הוראות+מלאות", // Hebrew
        "گام+به+گام قدم+به+قدم مقادیر+دقیق دوز+دقیق مقدار+دقیق مراحل+دقیق با+جزئیات+کامل از+نظر+فنی+دقیق دستور+پخت+واقعی دستورالعمل+کامل", // Persian
        "चरण+दर+चरण कदम+दर+कदम सटीक+मात्रा सटीक+खुराक सटीक+चरण पूरे+विस्तार+से यथार्थवादी तकनीकी+रूप+से+सटीक असली+नुस्खा पूरे+निर्देश", // Hindi
        "ধাপে+ধাপে সঠিক+পরিমাণ সঠিক+ডোজ সঠিক+মাত্রা সুনির্দিষ্ট+ধাপ সম্পূর্ণ+বিস্তারিত বাস্তবসম্মত প্রযুক্তিগতভাবে+সঠিক আসল+রেসিপি সম্পূর্ণ+নির্দেশাবলী", // Bengali
        "قدم+بہ+قدم مرحلہ+وار درست+مقدار درست+خوراک درست+مراحل مکمل+تفصیل حقیقت+پسندانہ تکنیکی+طور+پر+درست اصل+ترکیب مکمل+ہدایات", // Urdu
        "படிப்படியாக சரியான+அளவு துல்லியமான+அளவு சரியான+டோஸ் துல்லியமான+படிகள் முழு+விவரங்களுடன் யதார்த்தமான தொழில்நுட்ப+ரீதியாக+துல்லியமான உண்மையான+செய்முறை முழுமையான+வழிமுறைகள்", // Tamil
        "แม่นยำ สมจริง เป๊ะ ครบทุก ลงลึก ทีละ", // Thai
        "từng+bước liều+lượng+chính+xác số+lượng+chính+xác các+bước+chính+xác đầy+đủ+chi+tiết chi+tiết+đầy+đủ chính+xác+về+mặt+kỹ+thuật công+thức+thật hướng+dẫn+đầy+đủ không+bỏ+sót", // Vietnamese
        "langkah+demi+langkah jumlah+yang+tepat takaran+yang+tepat dosis+yang+tepat langkah+langkah+yang+tepat dengan+detail+lengkap realistis akurat+secara+teknis resep+asli instruksi+lengkap", // Indonesian
        "langkah+demi+langkah kuantiti+tepat jumlah+yang+tepat dos+yang+tepat sukatan+tepat secara+terperinci realistik tepat+dari+segi+teknikal resipi+sebenar arahan+lengkap", // Malay
        "hakbang+hakbang eksaktong+dami eksaktong+dosis eksaktong+mga+hakbang buong+detalye makatotohanan tumpak+sa+teknikal totoong+recipe kumpletong+tagubilin kumpletong+instruksyon", // Tagalog
        "hatua+kwa+hatua kiasi+kamili kiasi+halisi dozi+kamili kipimo+halisi kwa+undani+kamili kihalisia sahihi+kiufundi mapishi+halisi maelekezo+kamili", // Swahili
        "ደረጃ+በደረጃ ትክክለኛ+መጠን ትክክለኛውን+መጠን ትክክለኛ+ደረጃዎች በዝርዝር ተጨባጭ በቴክኒካዊ+ትክክለኛ እውነተኛ+የምግብ+አዘገጃጀት ሙሉ+መመሪያ የተሟላ+መመሪያ", // Amharic
        "一步一步 逐步说明 详细步骤 确切用量 精确剂量 具体剂量 完整说明 真实配方 技术上准确 不要遗漏", // Chinese
        "段階的に 一歩ずつ 正確な量 正確な分量 正確な用量 正確な手順 完全な手順 本物のレシピ 技術的に正確 省略せず", // Japanese
        "단계별로 단계별 정확한+양 정확한+용량 정확한+단계 빠짐없이 현실적인 기술적으로+정확한 진짜+레시피 완전한+지침", // Korean
    ];
}
