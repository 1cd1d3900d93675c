namespace MlOps.Lineage;

/// <summary>What a declared dataset is used for in a training run.</summary>
public enum DatasetRole
{
    /// <summary>Rows the model is fitted on.</summary>
    Train = 0,

    /// <summary>Rows used to tune or early-stop while training.</summary>
    Validation = 1,

    /// <summary>Held-out rows used only for the final evaluation.</summary>
    Test = 2,

    /// <summary>Any other input (a vocabulary, a lookup table, a pretrained model).</summary>
    Other = 3,
}
