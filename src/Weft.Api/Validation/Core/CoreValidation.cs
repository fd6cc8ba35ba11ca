namespace Weft.Api.Validation.Core;

/// <summary>
/// The validators of the core/v1 kinds, with Kubernetes' own rules. ServiceAccount has none beyond
/// its metadata, which every kind gets.
/// </summary>
public static class CoreValidation
{
    public static IEnumerable<IKindValidator> All =>
    [
        new NamespaceValidator(),
        new ServiceValidator(),
        new SecretValidator(),
        new ConfigMapValidator(),
    ];
}
