// SPDX-License-Identifier: MIT
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;

namespace ModelCompiler.Orleans;

/// <summary>Hosting of ModelCompiler's grains on silos, and the clients that call them.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Lets this silo fit partitions of distributed batch fits (<see cref="ClusterCurveFit"/>), as
    /// <paramref name="options"/> says (null: <see cref="CurveFitSiloOptions"/>' defaults), and lets Orleans resolve
    /// model types (<see cref="IModel"/>) in grain types. The grains come with the package; the model types must be
    /// in assemblies loaded on every silo (deployed with it and referenced by its application).
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static ISiloBuilder AddModelCompiler(this ISiloBuilder builder, CurveFitSiloOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new CurveFitSiloOptions();
        if (!options.IsValid(out string? error))
            throw new ArgumentException(error, nameof(options));
        builder.Services.TryAddSingleton(new FitGate(options));
        AllowModelTypes(builder.Services);
        return builder;
    }

    /// <summary>
    /// Lets this client start distributed batch fits (<see cref="ClusterCurveFit.FitManyAsync{TModel}"/>): Orleans
    /// names a grain by its type, the model type included, and accepts only types it has been told are safe.
    /// </summary>
    public static IClientBuilder AddModelCompiler(this IClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AllowModelTypes(builder.Services);
        return builder;
    }

    private static void AllowModelTypes(IServiceCollection services)
        => services.TryAddEnumerable(ServiceDescriptor.Singleton<ITypeFilter, ModelTypeFilter>());

    /// <summary>
    /// Allows the generated model types, and this package's generic types (grains, their interfaces and the
    /// invokers Orleans generates for them) closed over model types; nothing else. A model type carries no instance
    /// state (every member is static), so a type name from the wire can name nothing but kernels already loaded here.
    /// </summary>
    private sealed class ModelTypeFilter : ITypeFilter
    {
        public bool? IsTypeAllowed(Type type)
            => IsModel(type)
               || type.IsConstructedGenericType && type.GetGenericTypeDefinition().Assembly == typeof(ModelTypeFilter).Assembly
                                                && type.GetGenericArguments().All(IsModel)
                ? true
                : null;

        private static bool IsModel(Type type) => !type.IsInterface && typeof(IModel).IsAssignableFrom(type);
    }
}
