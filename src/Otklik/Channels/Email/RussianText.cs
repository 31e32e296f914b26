namespace Otklik.Channels.Email;

/// <summary>
/// How much a string reads like Russian. Decoding the same bytes with the wrong Cyrillic code
/// page yields rare letters, capitals in mid-word, box drawing or Serbian letters; the right
/// one yields frequent letters in frequent pairs. Scores are only compared with each other.
/// </summary>
internal static class RussianText
{
    // Letter frequencies in Russian prose, per cent, а … я then ё.
    private static readonly double[] Frequency =
    [
        8.01, 1.59, 4.54, 1.70, 2.98, 8.45, 0.94, 1.65, 7.35, 1.21, 3.49, 4.40, 3.21, 6.70, 10.97, 2.81,
        4.73, 5.47, 6.26, 2.62, 0.26, 0.97, 0.48, 1.44, 0.73, 0.36, 0.04, 1.90, 1.74, 0.32, 0.64, 2.01, 0.04,
    ];

    private static readonly double[] Weight = Frequency.Select(f => Math.Log(f) + 1).ToArray();

    private static readonly HashSet<int> CommonPairs =
    [
        .. ("ст но то на ен ов ни ра во ко ал ре пр ли ор ол ет по ос ан ер го не те ка ро ва ел от ом " +
            "ит ес ть ск та ле ла ди де ой ме ки ем ны ат ве ис ин ил ак ам од ая ие ад ся ри об до ез ей " +
            "ых за че ды мо ду ль из ци тр вы ча аз ую мы бо ав ож ив да ег ас оп ук пи бе ши ша же ше ус " +
            "зв чт ти ру им ек св уж ми ло нн он ви си ги би мн рь ня ля ут их ий ый ое ее ые ям ах ях ев " +
            "чн оч ср сп иб сч ёт чё её уд др дл зн вн ма зд сл гд ку кт кр ба зо ок ик ак ещ ще ща щи йт " +
            "ью ье ья ьн ьк эт ют юч як яв ял ят уп ум уч ыв ыл ыт ым хо ха ци це жи жа ну ен ам лу пе ём").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => Pair(p[0], p[1])),
    ];

    private static int Pair(char a, char b) => a << 16 | b;

    // Typography that is normal in Russian text: « » „ “ ” — – … № and the no-break space.
    private const string NeutralSymbols = "«»„“”‘’—–…№\u00A0•";

    private const string Vowels = "аеёиоуыэюя";

    public static double Score(string text)
    {
        double score = 0;
        var prev = ' ';
        int wordLength = 0, wordVowels = 0, vowelRun = 0;
        foreach (var c in text)
        {
            if (IsRussianLetter(c))
            {
                var lower = char.ToLowerInvariant(c);
                var vowel = Vowels.Contains(lower);
                // Shapes no Russian word has: ь/ъ/ы first, ь/ъ after a vowel, three vowels in a row.
                if (wordLength == 0 && lower is 'ь' or 'ъ' or 'ы') score -= 6;
                if (lower is 'ь' or 'ъ' && vowelRun > 0) score -= 4;
                vowelRun = vowel ? vowelRun + 1 : 0;
                if (vowelRun == 3) score -= 2;
                wordLength++;
                if (vowel) wordVowels++;
            }
            else
            {
                if (wordLength >= 3 && wordVowels == 0) score -= 6;
                wordLength = wordVowels = vowelRun = 0;
            }
            if (c < 0x80) { prev = c; continue; }
            score += Letter(c, prev);
            prev = c;
        }
        if (wordLength >= 3 && wordVowels == 0) score -= 6;
        return score;
    }

    private static double Letter(char c, char prev)
    {
        if (c is >= '\u0400' and <= '\u04FF')
        {
            var lower = char.ToLowerInvariant(c);
            var index = lower == 'ё' ? 32 : lower - 'а';
            if (index is < 0 or > 32) return -2;
            var s = Weight[index];
            if (char.IsUpper(c))
            {
                s -= 1;
                if (prev is >= 'а' and <= 'я') s -= 6;
            }
            if (IsRussianLetter(prev) && CommonPairs.Contains(Pair(char.ToLowerInvariant(prev), lower))) s += 3;
            return s;
        }
        if (NeutralSymbols.Contains(c)) return 0;
        if (c is >= '\u0080' and <= '\u009F' or '\uFFFD') return -5;
        if (c is >= '\u2500' and <= '\u25FF') return -3;
        return -1;
    }

    private static bool IsRussianLetter(char c) => c is >= 'А' and <= 'я' or 'ё' or 'Ё';
}
