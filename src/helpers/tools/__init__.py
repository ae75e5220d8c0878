"""The tools, apart from the analysis and the engine: the notebook runner (``make figures``,
:mod:`.run`), the HTML report (:mod:`.report`), the figure drift check (:mod:`.drift`) and
the figure catalogue (:mod:`.catalog`)."""
