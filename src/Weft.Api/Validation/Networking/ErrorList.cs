namespace Weft.Api.Validation.Networking;

/// <summary>The errors of one object, collected by the rule methods that check its parts.</summary>
internal sealed class ErrorList
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Items => _errors;

    public int Count => _errors.Count;

    public void Add(FieldError? error)
    {
        if (error is not null)
            _errors.Add(error);
    }

    public void AddRange(IEnumerable<FieldError?> errors)
    {
        foreach (var e in errors)
            Add(e);
    }

    public void Invalid(string path, object? value, string reason) => _errors.Add(FieldError.Invalid(path, value, reason));

    public void Invalid(string path, string reason) => _errors.Add(FieldError.InvalidNoValue(path, reason));

    public void Forbidden(string path, string reason) => _errors.Add(FieldError.Forbidden(path, reason));

    public void Schema(string path, string detail) => _errors.Add(FieldError.Schema(path, detail));

    public void Required(string path, string? detail = null) => _errors.Add(FieldError.Required(path, detail));
}
