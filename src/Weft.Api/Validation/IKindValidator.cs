using Weft.Api.Model.Meta;

namespace Weft.Api.Validation;

/// <summary>The semantic rules of one kind, as Istio's validating webhook (or the API server) applies them.</summary>
public interface IKindValidator
{
    Type ObjectType { get; }

    /// <summary>Every problem with the object; empty when it is valid.</summary>
    IEnumerable<FieldError> Validate(KubeObject obj, ValidationContext ctx);
}

/// <summary>Base for a validator of one typed kind.</summary>
public abstract class KindValidator<T> : IKindValidator where T : KubeObject
{
    public Type ObjectType => typeof(T);

    IEnumerable<FieldError> IKindValidator.Validate(KubeObject obj, ValidationContext ctx) => Validate((T)obj, ctx);

    public abstract IEnumerable<FieldError> Validate(T obj, ValidationContext ctx);
}

/// <summary>What validation may depend on besides the object: mesh-wide settings.</summary>
public sealed record ValidationContext
{
    public static ValidationContext Default { get; } = new();

    /// <summary>Istio's root namespace (MeshConfig rootNamespace): policies there apply mesh-wide.</summary>
    public string RootNamespace { get; init; } = "istio-system";

    /// <summary>MeshConfig trustDomain.</summary>
    public string TrustDomain { get; init; } = "cluster.local";
}
