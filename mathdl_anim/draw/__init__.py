"""Drawing helpers: ``make_*`` builders turning core results into mobjects. No math here."""
