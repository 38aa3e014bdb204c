// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler;

/// <summary>
/// Code generic over a model type, run with the emitted type of a <see cref="CompiledModel"/>: whatever takes a
/// <c>TModel</c> type argument takes a run-time formula through <see cref="CompiledModel.Accept{TResult}"/>.
/// </summary>
public interface IModelVisitor<TResult>
{
    /// <summary>Runs with <typeparamref name="TModel"/> the compiled model's type.</summary>
    TResult Visit<TModel>() where TModel : struct, IModel;
}

/// <summary>Code generic over a regression mixture and its model, run with the emitted types of a <see cref="CompiledMixture"/>.</summary>
public interface IMixtureVisitor<TResult>
{
    /// <summary>Runs with the compiled mixture's type and its model's type.</summary>
    TResult Visit<TMixture, TModel>() where TMixture : IRegressionMixture<TModel> where TModel : struct, IModel;
}

/// <summary>Calls a visitor with one emitted model type; made once per model so that visiting costs a virtual call.</summary>
internal abstract class ModelAcceptor
{
    public abstract TResult Accept<TResult>(IModelVisitor<TResult> visitor);

    public static ModelAcceptor For(Type model) =>
        (ModelAcceptor)Activator.CreateInstance(typeof(ModelAcceptor<>).MakeGenericType(model))!;
}

internal sealed class ModelAcceptor<TModel> : ModelAcceptor where TModel : struct, IModel
{
    public override TResult Accept<TResult>(IModelVisitor<TResult> visitor) => visitor.Visit<TModel>();
}

/// <summary>Calls a visitor with one emitted mixture type and its model type.</summary>
internal abstract class MixtureAcceptor
{
    public abstract TResult Accept<TResult>(IMixtureVisitor<TResult> visitor);

    public static MixtureAcceptor For(Type mixture, Type model) =>
        (MixtureAcceptor)Activator.CreateInstance(typeof(MixtureAcceptor<,>).MakeGenericType(mixture, model))!;
}

internal sealed class MixtureAcceptor<TMixture, TModel> : MixtureAcceptor
    where TMixture : IRegressionMixture<TModel> where TModel : struct, IModel
{
    public override TResult Accept<TResult>(IMixtureVisitor<TResult> visitor) => visitor.Visit<TMixture, TModel>();
}
