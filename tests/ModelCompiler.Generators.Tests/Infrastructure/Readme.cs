using System.Text.RegularExpressions;

namespace ModelCompiler.Generators.Tests.Infrastructure;

/// <summary>A fenced code block of README.md, with the HTML comments just above its fence.</summary>
/// <param name="Language">The fence's language, lower case; <c>cs</c> and <c>c#</c> read as <c>csharp</c>.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Comments">The HTML comments (their text between the markers) above the fence, nearest first.</param>
internal sealed record ReadmeBlock(string Language, int Line, string Code, IReadOnlyList<string> Comments)
{
    public string Location => $"README.md:{Line}";
}

/// <summary>Reads the fenced code blocks of the repository's README.md (CommonMark fences: ``` or ~~~).</summary>
internal static partial class Readme
{
    public static string FilePath => Path.Combine(RepositoryPaths.Root, "README.md");

    public static IReadOnlyList<ReadmeBlock> Blocks() => Parse(File.ReadAllLines(FilePath));

    /// <summary>The first block of <paramref name="language"/> after the heading line <paramref name="heading"/>.</summary>
    public static ReadmeBlock FirstAfter(string heading, string language)
    {
        string[] lines = File.ReadAllLines(FilePath);
        int start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"README.md has no line '{heading}'.");
        return Parse(lines).First(b => b.Line > start && b.Language == language);
    }

    public static IReadOnlyList<ReadmeBlock> Parse(IReadOnlyList<string> lines)
    {
        var blocks = new List<ReadmeBlock>();
        for (int i = 0; i < lines.Count; i++)
        {
            var open = OpeningFence().Match(lines[i]);
            if (!open.Success)
                continue;
            string fence = open.Groups["fence"].Value;
            int indent = open.Groups["indent"].Length;
            int end = i + 1;
            while (end < lines.Count && !IsClosing(lines[end], fence))
                end++;
            var code = lines.Skip(i + 1).Take(end - i - 1).Select(l => l.Length >= indent && l[..indent].Trim().Length == 0 ? l[indent..] : l.TrimStart());
            blocks.Add(new ReadmeBlock(Normalize(open.Groups["info"].Value), i + 1, string.Join("\n", code) + "\n", CommentsAbove(lines, i)));
            i = end;
        }
        return blocks;
    }

    private static bool IsClosing(string line, string fence)
    {
        string trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]) && line.Length - line.TrimStart().Length <= 3;
    }

    private static string Normalize(string info) => info.ToLowerInvariant() switch
    {
        "cs" or "c#" => "csharp",
        var other => other,
    };

    /// <summary>HTML comments separated from the fence (and from each other) by blank lines at most.</summary>
    private static List<string> CommentsAbove(IReadOnlyList<string> lines, int fenceLine)
    {
        var comments = new List<string>();
        int i = fenceLine - 1;
        while (true)
        {
            while (i >= 0 && lines[i].Trim().Length == 0)
                i--;
            if (i < 0 || !lines[i].TrimEnd().EndsWith("-->", StringComparison.Ordinal))
                return comments;
            int start = i;
            while (start >= 0 && !lines[start].Contains("<!--", StringComparison.Ordinal))
                start--;
            if (start < 0)
                return comments;
            string text = string.Join("\n", lines.Skip(start).Take(i - start + 1)).Trim();
            comments.Add(text["<!--".Length..^"-->".Length].Trim());
            i = start - 1;
        }
    }

    [GeneratedRegex(@"^(?<indent> {0,3})(?<fence>`{3,}|~{3,})\s*(?<info>[^\s`]*)")]
    private static partial Regex OpeningFence();
}
