// SPDX-License-Identifier: MIT
using System.Globalization;
using ModelCompiler;

// The generator must have implemented the partial method and emitted DecayModel, and the fit must recover a and k.
double[] t = [0, 1, 2, 3, 4, 5, 6, 7];
double[] y = t.Select(ti => Models.Decay(ti, 5.0, 0.3)).ToArray();
var fit = CurveFit.Fit<Models.DecayModel>(t, y, initial: [1, 1]);
Console.WriteLine(string.Join(" ", Models.DecayModel.ParameterNames) + " = " +
                  string.Join(" ", fit.Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture))));

public static partial class Models
{
    [Model("a*exp(-k*t)")]
    public static partial double Decay(double t, double a, double k);
}
