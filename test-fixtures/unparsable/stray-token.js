setup();
) teardown();
exec(command);
