using Weft.Api.Validation;

namespace Weft.ControlPlane.Resources;

/// <summary>One field-level reason for a failure (Kubernetes' StatusCause).</summary>
/// <param name="Reason">FieldValueRequired, FieldValueInvalid, ...</param>
/// <param name="Message">What is wrong, without the field path.</param>
/// <param name="Field">The field path (<c>items[3].spec.http[0].route[1].weight</c>).</param>
public sealed record StatusCause(string Reason, string Message, string Field)
{
    /// <summary>The cause for a field error, its reason named as the Kubernetes API server names it.</summary>
    public static StatusCause From(FieldError error, string? prefix = null) => new(
        ReasonOf(error),
        error.Reason,
        prefix is null ? error.Path : FieldPath.Child(prefix, error.Path));

    private static string ReasonOf(FieldError e) => e.Kind switch
    {
        FieldErrorKind.Required => "FieldValueRequired",
        FieldErrorKind.Invalid => "FieldValueInvalid",
        FieldErrorKind.NotSupported => "FieldValueNotSupported",
        FieldErrorKind.Duplicate => "FieldValueDuplicate",
        FieldErrorKind.Forbidden => "FieldValueForbidden",
        FieldErrorKind.TooLong => "FieldValueTooLong",
        FieldErrorKind.TooMany => "FieldValueTooMany",
        FieldErrorKind.Schema when e.Reason.StartsWith("in body must be of type", StringComparison.Ordinal) => "FieldValueTypeInvalid",
        FieldErrorKind.Schema => "FieldValueInvalid",
        // Kubernetes reports unknown fields as a decoding error without a cause type; Weft names it.
        FieldErrorKind.Unknown => "FieldValueUnknown",
        _ => "FieldValueInvalid",
    };
}
