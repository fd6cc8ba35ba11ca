using Weft.Api.Model.Meta;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A validator of one networking.istio.io kind: Istio's webhook checks the annotations of every
/// kind first (dry-run, internal ones), then the kind's own rules.
/// </summary>
public abstract class NetworkingKindValidator<T> : KindValidator<T> where T : KubeObject
{
    public sealed override IEnumerable<FieldError> Validate(T obj, ValidationContext ctx)
    {
        var errors = new ErrorList();
        errors.AddRange(MetadataRules.Annotations(obj));
        Check(obj, errors);
        return errors.Items;
    }

    internal abstract void Check(T obj, ErrorList errors);
}
