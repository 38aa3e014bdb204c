// SPDX-License-Identifier: MIT
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ModelCompiler.Orleans;

/// <summary>Hosting of ModelCompiler's grains.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Lets this silo fit partitions of distributed batch fits (<see cref="ClusterCurveFit"/>), as
    /// <paramref name="options"/> says (null: <see cref="CurveFitSiloOptions"/>' defaults). The grain types come with
    /// the package; the model types must be in assemblies loaded on every silo (deployed with it and referenced by
    /// its application).
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static ISiloBuilder AddModelCompiler(this ISiloBuilder builder, CurveFitSiloOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new CurveFitSiloOptions();
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        builder.Services.TryAddSingleton(new FitGate(options));
        return builder;
    }
}
