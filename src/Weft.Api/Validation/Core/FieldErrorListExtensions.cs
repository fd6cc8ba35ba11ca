namespace Weft.Api.Validation;

/// <summary>Collecting the errors of checks that return one error or null.</summary>
internal static class FieldErrorListExtensions
{
    public static void AddIf(this List<FieldError> errors, FieldError? error)
    {
        if (error is not null)
            errors.Add(error);
    }
}
