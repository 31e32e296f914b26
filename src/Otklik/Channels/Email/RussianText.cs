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
            "ых за че ды мо ду ль из ци тр вы ча аз ую мы бо ав ем ож ив да ем ег ую ет ще жд ую ас оп " +
            "ук пи бе аш ши ша же ше ем ус зв чт ти ру им ек ам св уж ых ми").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => Pair(p[0], p[1])),
    ];

    private static int Pair(char a, char b) => a << 16 | b;

    // Typography that is normal in Russian text: « » „ “ ” — – … № and the no-break space.
    private const string NeutralSymbols = "«»„“”‘’—–…№\u00A0•";

    public static double Score(string text)
    {
        double score = 0;
        var prev = ' ';
        foreach (var c in text)
        {
            if (c < 0x80) { prev = c; continue; }
            score += Letter(c, prev);
            prev = c;
        }
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
