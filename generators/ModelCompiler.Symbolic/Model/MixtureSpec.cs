// SPDX-License-Identifier: MIT
namespace ModelCompiler.Generators.Model;

/// <summary>
/// What <c>[MixtureModel]</c> adds to a model: K components with Gaussian (0) or Laplace (1) noise,
/// the values of the runtime's <c>ModelCompiler.Noise</c> enum.
/// </summary>
internal sealed record MixtureSpec(int Components, int Noise)
{
    public const int Gaussian = 0;
    public const int Laplace = 1;
}
