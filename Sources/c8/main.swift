import C8CLI

CommandLineTool.main()
