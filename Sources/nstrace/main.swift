import NSCommands

NSTrace.main()
