using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ModelCompiler.Generators.Tests.Infrastructure;

namespace ModelCompiler.Generators.Tests.Fuzz;

/// <summary>
/// Random formulas for the fuzz tests: half grown from the formula grammar (with deliberate slips such as wrong
/// argument counts and unknown names), half mutated from the formulas of the snapshot models by deleting,
/// inserting, replacing, swapping and duplicating characters.
/// </summary>
internal sealed class FormulaSource
{
    /// <summary>The names a fuzzed model declares: one variable and four parameters.</summary>
    public static readonly string[] Variables = { "x" };
    public static readonly string[] Parameters = { "a", "b", "c", "k" };

    private static readonly string[] Names = { "x", "a", "b", "c", "k", "pi", "e" };
    private static readonly string[] Strangers = { "t", "y", "b1", "p0", "PI", "Exp", "sinc", "gamma" };
    private static readonly (string Name, int Arity)[] Functions =
    {
        ("exp", 1), ("log", 1), ("log10", 1), ("sqrt", 1), ("abs", 1), ("pow", 2), ("sin", 1), ("cos", 1), ("tan", 1),
        ("asin", 1), ("acos", 1), ("atan", 1), ("atan2", 2), ("sinh", 1), ("cosh", 1), ("tanh", 1), ("erf", 1), ("erfc", 1),
        ("expm1", 1), ("log1p", 1), ("log2", 1), ("cbrt", 1), ("hypot", 2), ("min", 2), ("max", 2), ("sign", 1),
    };
    private const string Alphabet = "xabck+-*/^(),.eE0123456789 pi_*!;\"\\\t";

    private readonly Random _random;
    private readonly IReadOnlyList<string> _seeds;

    public FormulaSource(int seed)
    {
        _random = new Random(seed);
        _seeds = SnapshotFormulas().ToList();
    }

    public IEnumerable<string> Take(int count)
    {
        for (int i = 0; i < count; i++)
            yield return i % 2 == 0 ? Grow(depth: 0) : Mutate(_random.Next(3) == 0 ? Grow(0) : _seeds[_random.Next(_seeds.Count)]);
    }

    /// <summary>The formulas of the snapshot models, read from their source so the two cannot drift apart.</summary>
    public static IEnumerable<string> SnapshotFormulas() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.TestProject, "Models"), "*.cs")
            .SelectMany(File.ReadAllLines)
            .Select(line => Regex.Match(line, "\\[Model\\(\"([^\"]*)\"\\)\\]"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value);

    private string Grow(int depth)
    {
        int choice = _random.Next(depth >= 4 ? 3 : 12);
        return choice switch
        {
            0 => Names[_random.Next(Names.Length)],
            1 => Number(),
            2 => _random.Next(40) == 0 ? Strangers[_random.Next(Strangers.Length)] : Names[_random.Next(4)],
            3 or 4 or 5 => Grow(depth + 1) + Pick(" + ", "-", " * ", "/", "^", "*", " - ") + Grow(depth + 1),
            6 => "-" + Grow(depth + 1),
            7 => "(" + Grow(depth + 1) + ")",
            8 => Grow(depth + 1) + "^" + Pick("2", "3", "-1", "0.5", "-x", "(1/3)", "-2"),
            _ => Call(depth),
        };
    }

    private string Call(int depth)
    {
        var (name, arity) = Functions[_random.Next(Functions.Length)];
        if (_random.Next(30) == 0)
            arity += _random.Next(2) == 0 ? -1 : 1; // a slip the binder must report
        if (_random.Next(60) == 0)
            name = Strangers[_random.Next(Strangers.Length)];
        return name + "(" + string.Join(", ", Enumerable.Range(0, Math.Max(arity, 0)).Select(_ => Grow(depth + 1))) + ")";
    }

    private string Number() => _random.Next(6) switch
    {
        0 => _random.Next(10).ToString(CultureInfo.InvariantCulture),
        1 => (_random.NextDouble() * 100).ToString("0.###", CultureInfo.InvariantCulture),
        2 => $"{_random.Next(1, 10)}.{_random.Next(100)}e{Pick("", "-", "+")}{_random.Next(400)}",
        3 => $"{_random.Next(1, 10)}E{_random.Next(-30, 30)}",
        4 => "." + _random.Next(1000),
        _ => "1e308",
    };

    private string Mutate(string formula)
    {
        var text = new StringBuilder(formula);
        int mutations = 1 + _random.Next(3);
        for (int m = 0; m < mutations; m++)
        {
            int at = _random.Next(text.Length + 1);
            switch (_random.Next(6))
            {
                case 0 when text.Length > 0 && at < text.Length:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, Alphabet[_random.Next(Alphabet.Length)]);
                    break;
                case 2 when at < text.Length:
                    text[at] = Alphabet[_random.Next(Alphabet.Length)];
                    break;
                case 3 when at + 1 < text.Length:
                    (text[at], text[at + 1]) = (text[at + 1], text[at]);
                    break;
                case 4:
                    int length = _random.Next(Math.Min(8, text.Length - at) + 1);
                    text.Insert(at, text.ToString(at, length));
                    break;
                default:
                    text.Length = at; // a prefix, as while typing
                    break;
            }
        }
        return text.ToString();
    }

    private string Pick(params string[] options) => options[_random.Next(options.Length)];
}
