// SPDX-License-Identifier: MIT
namespace ModelCompiler.Plotting;

/// <summary>What every plot takes: the image size, a title and the axis labels (null for each plot's own default).</summary>
public abstract record PlotOptions
{
    /// <summary>The image width in pixels (SVG units), 64 to 16384. Default 900.</summary>
    public int Width { get; init; } = 900;

    /// <summary>The image height in pixels (SVG units), 64 to 16384. Default 600.</summary>
    public int Height { get; init; } = 600;

    /// <summary>The title above the (top) panel; null or empty for none.</summary>
    public string? Title { get; init; }

    /// <summary>The label of the horizontal axis; null for the plot's default.</summary>
    public string? XLabel { get; init; }

    /// <summary>The label of the vertical axis; null for the plot's default.</summary>
    public string? YLabel { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    internal virtual void Validate(string argument)
    {
        if (Width < 64 || Width > 16384)
            throw new ArgumentException($"{nameof(Width)} must be 64 to 16384 pixels, got {Width}.", argument);
        if (Height < 64 || Height > 16384)
            throw new ArgumentException($"{nameof(Height)} must be 64 to 16384 pixels, got {Height}.", argument);
    }
}

/// <summary>Options of <see cref="Plots.CurveFit"/>.</summary>
public sealed record FitPlotOptions : PlotOptions
{
    /// <summary>The defaults.</summary>
    public static FitPlotOptions Default { get; } = new();

    /// <summary>Per-point standard deviations of y, drawn as error bars on the data and the residuals; null for none.</summary>
    public double[]? Sigma { get; init; }

    /// <summary>The legend entry of the data. Default "data".</summary>
    public string DataLabel { get; init; } = "data";

    /// <summary>The legend entry of the fitted curve. Default "fit".</summary>
    public string CurveLabel { get; init; } = "fit";

    /// <summary>The label of the residual panel's vertical axis. Default "residual".</summary>
    public string ResidualLabel { get; init; } = "residual";

    /// <summary>The residual panel's share of the height, in [0.1, 0.6]. Default 0.28.</summary>
    public double ResidualFraction { get; init; } = 0.28;

    /// <summary>The colour of the fitted curve (its band is the same colour, translucent). Default #D62728.</summary>
    public ScottPlot.Color CurveColor { get; init; } = Palette.FitCurve;

    internal override void Validate(string argument)
    {
        base.Validate(argument);
        if (!(ResidualFraction >= 0.1 && ResidualFraction <= 0.6))
            throw new ArgumentException($"{nameof(ResidualFraction)} must lie in [0.1, 0.6], got {ResidualFraction}.", argument);
    }
}

/// <summary>Options of the mixture plots (<see cref="Plots.Mixture1D(string, double[], Mixtures.GaussianMixture, MixturePlotOptions?)"/>, <see cref="Plots.Mixture2D"/>, <see cref="Plots.RegressionMixture"/>).</summary>
public sealed record MixturePlotOptions : PlotOptions
{
    /// <summary>The defaults.</summary>
    public static MixturePlotOptions Default { get; } = new();

    /// <summary>The number of histogram bins of <see cref="Plots.Mixture1D(string, double[], Mixtures.GaussianMixture, MixturePlotOptions?)"/>; null for numpy's "auto" rule (the larger of
    /// the Sturges and Freedman–Diaconis counts, at most 200).</summary>
    public int? Bins { get; init; }

    /// <summary>The data column drawn across in <see cref="Plots.Mixture2D"/>. Default 0.</summary>
    public int XDimension { get; init; }

    /// <summary>The data column drawn up in <see cref="Plots.Mixture2D"/>. Default 1.</summary>
    public int YDimension { get; init; } = 1;

    /// <summary>The ellipses of <see cref="Plots.Mixture2D"/>, in standard deviations (Mahalanobis radii). Default 1, 2, 3.</summary>
    public IReadOnlyList<double> EllipseSigmas { get; init; } = [1, 2, 3];

    /// <summary>Each component's legend name, in the model's order; null for "component 1", "component 2", ….</summary>
    public IReadOnlyList<string>? ComponentNames { get; init; }

    internal override void Validate(string argument)
    {
        base.Validate(argument);
        if (Bins is { } bins && (bins < 1 || bins > 10_000))
            throw new ArgumentException($"{nameof(Bins)} must be 1 to 10000, got {bins}.", argument);
        if (XDimension < 0 || YDimension < 0 || XDimension == YDimension)
            throw new ArgumentException($"{nameof(XDimension)} and {nameof(YDimension)} must be distinct columns ≥ 0, got {XDimension} and {YDimension}.", argument);
        ArgumentNullException.ThrowIfNull(EllipseSigmas, argument);
        for (int i = 0; i < EllipseSigmas.Count; i++)
            if (!(EllipseSigmas[i] > 0 && double.IsFinite(EllipseSigmas[i])))
                throw new ArgumentException($"{nameof(EllipseSigmas)}[{i}] is {EllipseSigmas[i]}; a radius is positive.", argument);
    }

    internal string ComponentName(int k) =>
        ComponentNames is { } names && k < names.Count ? names[k] : $"component {k + 1}";
}

/// <summary>Options of the ODE plots (<see cref="Plots.Trajectories"/>, <see cref="Plots.Phase(string, ModelCompiler.Ode.OdeResult, int, int, OdePlotOptions?)"/>).</summary>
public sealed record OdePlotOptions : PlotOptions
{
    /// <summary>The defaults.</summary>
    public static OdePlotOptions Default { get; } = new();

    /// <summary>The states drawn by <see cref="Plots.Trajectories"/> (indices); null for all.</summary>
    public IReadOnlyList<int>? States { get; init; }

    /// <summary>Measurements drawn as markers in their state's colour by <see cref="Plots.Trajectories"/>; null for none.</summary>
    public Ode.OdeObservations? Observations { get; init; }

    /// <summary>
    /// Points per trajectory taken from the dense solution when the result has one (<see cref="Ode.OdeResult.Solution"/>),
    /// so that curves are smooth between the output times; the output times alone when it has none. Default 1000, at least 2.
    /// </summary>
    public int DensePoints { get; init; } = 1000;

    /// <summary>The legend names of several results drawn together by <see cref="Plots.Phase(string, IReadOnlyList{ModelCompiler.Ode.OdeResult}, int, int, OdePlotOptions?)"/>; null for "run 1", "run 2", ….</summary>
    public IReadOnlyList<string>? RunNames { get; init; }

    internal override void Validate(string argument)
    {
        base.Validate(argument);
        if (DensePoints < 2 || DensePoints > 1_000_000)
            throw new ArgumentException($"{nameof(DensePoints)} must be 2 to 1000000, got {DensePoints}.", argument);
    }
}
