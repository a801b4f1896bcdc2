using System.Globalization;
using System.Text;

namespace Rinkel.FakeApi;

/// <summary>
/// Names for generated users. Many are deliberately non-ASCII (precomposed, NFC) so that clients have to
/// get UTF-8 right end to end; the tenant is a Dutch company with an international staff.
/// </summary>
internal static class NameLists
{
    public static readonly string[] FirstNames =
    [
        "José", "Zoë", "Søren", "Łukasz", "Anaïs", "Björn", "Siobhán", "Ngọc", "Daan", "Sanne",
        "Lars", "Emma", "Noah", "Julia", "Lucas", "Sophie", "Fleur", "Jesse", "Lotte", "Thijs",
        "Femke", "Bram", "Anouk", "Pieter", "Marieke", "Wouter", "Ilse", "Maarten", "Eline", "Jeroen",
        "Saskia", "Chloé", "Mathéo", "Élise", "François", "Inès", "Renée", "Hélène", "Jürgen", "Åsa",
        "Maëlle", "Ingrid", "Astrid", "Ólafur", "Þóra", "Lucía", "Martín", "Begoña", "Iñaki", "Ángel",
        "Nuria", "Carmen", "Agnieszka", "Małgorzata", "Wojciech", "Zofia", "Ayşe", "Çağla", "Emre", "Mehmet",
        "Thanh", "Minh", "Hương", "Chidi", "Aoife", "Niamh", "Seán", "Ciarán", "Dorothée", "Annelies",
        "Kees", "Joost", "Erik", "Sven", "Elin", "Ebba", "Märta", "Göran", "Mohammed", "Fatima",
        "Priya", "Rahul", "Yuki", "Kenji", "Wei", "Mei", "Ömer", "Nikolaj", "Dagný", "Ségolène",
    ];

    public static readonly string[] LastNames =
    [
        "Müller", "van der Berg", "García", "Öztürk", "Kowalczyk", "Ødegaard", "de Vries", "Jansen", "Bakker", "Visser",
        "Smit", "Meijer", "de Jong", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker",
        "Brouwer", "Janssens", "Maes", "Peeters", "Claes", "Wouters", "Dubois", "Lefèvre", "Lambert", "Martínez",
        "Fernández", "López", "Sánchez", "Pérez", "Gómez", "Muñoz", "Núñez", "Ibáñez", "Andersson", "Johansson",
        "Lindqvist", "Åberg", "Nyström", "Sjöberg", "Håkansson", "Lindgren", "Wiśniewski", "Wójcik", "Kamiński", "Dąbrowski",
        "Nowak", "Zieliński", "Yılmaz", "Çelik", "Şahin", "Demir", "Nguyễn", "Trần", "Phạm", "Lê",
        "O'Brien", "Ní Bhriain", "Schröder", "Weiß", "Jørgensen", "Hansen", "Nielsen", "Kovács", "Dvořák", "Novák",
        "van 't Hek", "El Amrani", "ter Horst", "Ó Súilleabháin", "Kühn", "Boğa", "Łaski", "Ørsted", "Ågren", "Sørensen",
    ];

    // Folded once: the email of every user is built from these, and uniqueness of emails relies on each
    // list folding to distinct, dot-free local parts (checked here so an edited list fails loudly).
    public static readonly string[] FoldedFirstNames = FoldAll(FirstNames);

    public static readonly string[] FoldedLastNames = FoldAll(LastNames);

    /// <summary>ASCII-folds a name for an email local part: "Ødegaard" → "odegaard", "van 't Hek" → "vanthek".</summary>
    public static string Fold(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            // Letters that NFD does not split into base + mark.
            var replacement = c switch
            {
                'ø' or 'Ø' => "o",
                'ł' or 'Ł' => "l",
                'æ' or 'Æ' => "ae",
                'œ' or 'Œ' => "oe",
                'ß' => "ss",
                'đ' or 'Đ' or 'ð' or 'Ð' => "d",
                'þ' or 'Þ' => "th",
                'ı' => "i",
                _ => null,
            };
            if (replacement is not null)
            {
                builder.Append(replacement);
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            {
                builder.Append(lower);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) is not UnicodeCategory.NonSpacingMark
                     && !char.IsWhiteSpace(c) && c is not '\'' and not '’')
            {
                throw new InvalidOperationException($"No ASCII folding for '{c}' (U+{(int)c:X4}) in \"{name}\".");
            }
        }

        return builder.ToString();
    }

    private static string[] FoldAll(string[] names)
    {
        var folded = Array.ConvertAll(names, Fold);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in folded)
        {
            if (f.Length == 0 || !seen.Add(f))
            {
                throw new InvalidOperationException($"Name list folds to an empty or duplicate email part: '{f}'.");
            }
        }

        return folded;
    }
}
