// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelCompiler.Tests.LeastSquares.Nist;

/// <summary>
/// One NIST StRD nonlinear regression problem as read from its .dat file: both starts, the certified
/// values and standard deviations, the certified residual sum of squares, and the data
/// (y, then the predictor columns, column-major).
/// </summary>
public sealed record NistProblem(
    string Name, string Difficulty, double[][] Starts, double[] Certified, double[] CertifiedStdDev,
    double CertifiedRss, double[] Y, double[] X, int VariableCount)
{
    public int ParameterCount => Certified.Length;

    private static readonly Regex ParameterLine = new(@"^\s*b\d+\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$", RegexOptions.Compiled);

    public static NistProblem Parse(string name, string text)
    {
        string[] lines = text.Replace("\r", "").Split('\n');
        var starts1 = new List<double>();
        var starts2 = new List<double>();
        var certified = new List<double>();
        var stdDev = new List<double>();
        double rss = double.NaN;
        string difficulty = "";
        int dataStart = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            var match = ParameterLine.Match(line);
            if (match.Success && dataStart < 0)
            {
                starts1.Add(Number(match.Groups[1].Value));
                starts2.Add(Number(match.Groups[2].Value));
                certified.Add(Number(match.Groups[3].Value));
                stdDev.Add(Number(match.Groups[4].Value));
            }
            else if (line.StartsWith("Residual Sum of Squares:", StringComparison.Ordinal))
            {
                rss = Number(line.Split(':')[1].Trim());
            }
            else if (line.Contains("Level of Difficulty", StringComparison.Ordinal))
            {
                difficulty = line.Trim().Split(' ')[0];
            }
            else if (Regex.IsMatch(line, @"^Data:\s+y\s"))
            {
                dataStart = i + 1;
            }
        }
        if (dataStart < 0 || certified.Count == 0 || double.IsNaN(rss))
            throw new FormatException($"{name}: not a NIST StRD nonlinear regression file.");

        var rows = new List<double[]>();
        for (int i = dataStart; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
                continue;
            rows.Add(fields.Select(Number).ToArray());
        }
        int n = rows.Count, v = rows[0].Length - 1;
        var y = new double[n];
        var x = new double[n * v];
        for (int i = 0; i < n; i++)
        {
            y[i] = rows[i][0];
            for (int j = 0; j < v; j++)
                x[j * n + i] = rows[i][j + 1];
        }
        return new NistProblem(name, difficulty, [starts1.ToArray(), starts2.ToArray()], certified.ToArray(),
                               stdDev.ToArray(), rss, y, x, v);
    }

    public static NistProblem Load(string name) => Parse(name, File.ReadAllText(Path.Combine(DataDirectory, name + ".dat")));

    /// <summary>The copies of the StRD files shipped with the tests (unchanged from NIST).</summary>
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "Data", "nist");

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
