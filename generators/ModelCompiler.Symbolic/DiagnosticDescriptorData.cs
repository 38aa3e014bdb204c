// SPDX-License-Identifier: MIT
namespace ModelCompiler.Generators;

/// <summary>How serious a diagnostic is; the values of Roslyn's <c>DiagnosticSeverity</c>.</summary>
internal enum Severity
{
    Hidden = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}

/// <summary>
/// One MC diagnostic as plain data. The generator turns it into a Roslyn descriptor and the run-time compiler into
/// formula diagnostics, so both give the same id and message for the same problem. Errors cannot be configured away:
/// the generator marks them NotConfigurable.
/// </summary>
/// <param name="MessageFormat">A composite format string, <c>{0}</c>, <c>{1}</c>… the diagnostic's arguments.</param>
internal sealed record DiagnosticDescriptorData(string Id, string Title, string MessageFormat, string Category, Severity Severity)
{
    /// <summary>The message for these arguments, formatted as Roslyn formats a diagnostic's message.</summary>
    public string Format(params object[] arguments) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, arguments);
}
