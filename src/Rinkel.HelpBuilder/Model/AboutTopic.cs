namespace Rinkel.HelpBuilder.Model;

/// <summary>An about_ topic: its name and its content in reading order.</summary>
internal sealed record AboutTopic(string Name, string SourcePath, IReadOnlyList<AboutPart> Parts);

/// <summary>A heading (Level 2 or deeper) or a paragraph of an about topic.</summary>
/// <param name="Heading">The heading text, or null for a paragraph.</param>
/// <param name="Level">The heading level; for a paragraph, the level of the section it is in.</param>
/// <param name="Paragraph">The paragraph, or null for a heading.</param>
/// <param name="InSeeAlso">Whether the part is in the SEE ALSO section, whose list is printed without bullets.</param>
internal sealed record AboutPart(string? Heading, int Level, HelpParagraph? Paragraph, bool InSeeAlso);
