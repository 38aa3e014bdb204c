// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Orleans;

/// <summary>
/// <see cref="CurveFitOptions"/> to and from JSON for the wire: every public init property travels by name, doubles
/// exactly (shortest round-trip form, ±∞ and NaN by name), so an option the core gains later travels without a change
/// here.
/// </summary>
internal static class FitOptionsJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(CurveFitOptions options) => JsonSerializer.Serialize(options, Json);

    public static CurveFitOptions Read(string json)
        => JsonSerializer.Deserialize<CurveFitOptions>(json, Json) ?? throw new JsonException("The fit options are null.");
}
