// SPDX-License-Identifier: MIT
using System.CommandLine;
using ModelCompiler.ModelFit.Input;

namespace ModelCompiler.ModelFit.Commands;

/// <summary>Options every command shares: how the CSV is written, the outputs, and the progress display.</summary>
internal sealed class CommonOptions
{
    public Argument<string> Data { get; } = new("data") { Description = "The CSV file; its first line names the columns." };

    public Option<string?> Delimiter { get; } = new("--delimiter")
    {
        Description = "The field delimiter (default: detected from the header among , ; tab |).",
        HelpName = "char",
    };

    public Option<string> DecimalSeparator { get; } = new("--decimal-separator")
    {
        Description = "The decimal separator of the numbers: . or , (with , the delimiter is ; tab or |).",
        DefaultValueFactory = _ => ".",
        HelpName = "char",
    };

    public Option<bool> SkipMissing { get; } = new("--skip-missing")
    {
        Description = "Leave out rows with a missing value (empty, NA, NaN) in a used column instead of stopping.",
    };

    public Option<string?> Json { get; } = new("--json")
    {
        Description = "Write the results as JSON to this file, or to standard output for - (then no table).",
        HelpName = "path",
    };

    public Option<string?> Plot { get; } = new("--plot") { Description = "Draw the results to this .png or .svg file.", HelpName = "path" };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress display." };

    /// <summary>Adds the options (the data argument goes first, separately, so that help lists it first).</summary>
    public void AddTo(Command command)
    {
        command.Add(Delimiter);
        command.Add(DecimalSeparator);
        command.Add(SkipMissing);
        command.Add(Json);
        command.Add(Plot);
        command.Add(Quiet);
    }

    public CsvFormat Format(ParseResult parse)
    {
        string separator = parse.GetValue(DecimalSeparator) ?? ".";
        if (separator is not ("." or ","))
            throw new ModelFitException(ExitCode.Usage, $"--decimal-separator '{separator}': give . or ,.");
        string? delimiter = parse.GetValue(Delimiter);
        if (delimiter is "\\t" or "tab")
            delimiter = "\t";
        if (delimiter is { Length: 0 })
            throw new ModelFitException(ExitCode.Usage, "--delimiter is empty.");
        // Both ',' is a comma-separated file whose decimal commas are quoted ("0,5","1,25"); a row with them unquoted
        // has more values than the header and is named when read.
        if (delimiter == "." && separator == ".")
            throw new ModelFitException(ExitCode.Usage, "--delimiter and --decimal-separator are both '.'.");
        return new CsvFormat(delimiter, separator, parse.GetValue(SkipMissing));
    }
}
