using System.Globalization;

namespace Weft.Api.Validation;

/// <summary>The class of a field error; the wording follows Kubernetes' field errors.</summary>
public enum FieldErrorKind
{
    Required,
    Invalid,
    NotSupported,
    Duplicate,
    Forbidden,
    TooLong,
    TooMany,
    /// <summary>An OpenAPI-style schema violation ("in body must be of type ...", "in body should be ...").</summary>
    Schema,
    Unknown,
}

/// <summary>
/// One problem with one field, named by its path (<c>spec.http[0].route[1].weight</c>).
/// Messages read like Kubernetes' own ("spec.hosts: Required value"), so users of kubectl
/// recognise them.
/// </summary>
public sealed record FieldError(string Path, FieldErrorKind Kind, string Reason)
{
    public string Message => Path.Length == 0 ? Reason
        : Kind == FieldErrorKind.Schema ? $"{Path} {Reason}"
        : $"{Path}: {Reason}";

    public override string ToString() => Message;

    public static FieldError Required(string path, string? detail = null) =>
        new(path, FieldErrorKind.Required, detail is null ? "Required value" : "Required value: " + detail);

    public static FieldError Invalid(string path, object? value, string detail) =>
        new(path, FieldErrorKind.Invalid, $"Invalid value: {Format(value)}: {detail}");

    /// <summary>An invalid value where repeating the value would not help (objects, long lists).</summary>
    public static FieldError InvalidNoValue(string path, string detail) =>
        new(path, FieldErrorKind.Invalid, $"Invalid value: {detail}");

    public static FieldError NotSupported(string path, object? value, IEnumerable<string> supported) =>
        new(path, FieldErrorKind.NotSupported,
            $"Unsupported value: {Format(value)}: supported values: {string.Join(", ", supported.Select(s => Format(s)))}");

    public static FieldError Duplicate(string path, object? value) =>
        new(path, FieldErrorKind.Duplicate, $"Duplicate value: {Format(value)}");

    public static FieldError Forbidden(string path, string detail) =>
        new(path, FieldErrorKind.Forbidden, "Forbidden: " + detail);

    public static FieldError TooLong(string path, int max) =>
        new(path, FieldErrorKind.TooLong, $"Too long: may not be more than {max} bytes");

    public static FieldError TooMany(string path, int actual, int max) =>
        new(path, FieldErrorKind.TooMany, $"Too many: {actual}: must have at most {max} items");

    public static FieldError WrongType(string path, string expected, string actual) =>
        new(path, FieldErrorKind.Schema, $"in body must be of type {expected}: \"{actual}\"");

    public static FieldError Schema(string path, string detail) => new(path, FieldErrorKind.Schema, detail);

    public static FieldError UnknownField(string path, string field, string? suggestion) =>
        new(path, FieldErrorKind.Unknown,
            suggestion is null ? $"unknown field \"{field}\"" : $"unknown field \"{field}\"; did you mean \"{suggestion}\"?");

    /// <summary>Formats a value as Kubernetes does in field errors: strings quoted, numbers bare.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
