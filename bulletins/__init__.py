"""bulletins: parse issues of a district party newspaper and extract what analysts study."""
